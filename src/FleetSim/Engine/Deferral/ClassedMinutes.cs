using FleetSim.Fleet;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Engine.Deferral;

/// <summary>
/// A fleet's minutes with traffic classes: the interactive classes through the router's closed form as
/// today, the deferrable classes held for the fleet's spare capacity earliest deadline first, and what misses its
/// deadline (or is still held at the horizon's end) sent to the API's batch tier. Per-minute figures are tok/s.
/// </summary>
/// <remarks>
/// Spare capacity in minute t is max(0, N(t)·R − servedᵢ(t)): the fleet's full throughput (the N(t) replicas serving
/// in that minute at R(c); N is constant on a fixed fleet, and a policy's run gives N(t)) less what it served of
/// the interactive demand, in the fluid sense (docs/model.md, "Traffic classes and deferral").
/// It is exact under one stated rule: deferred requests run at a lower priority on the replicas and yield their
/// slot to an interactive request that would otherwise find none (vLLM's priority scheduling preempts them), and
/// the router counts only interactive requests against max_in_flight. Then the interactive classes see exactly
/// the router's closed form on their own demand (a preemptive high class is blind to a low one), and the deferred
/// work receives, in the mean, exactly the capacity the interactive requests leave idle (the replicas are work
/// conserving) whenever enough of it is held. Under the fluid router servedᵢ = min(Dᵢ, N·R), so the spare is
/// max(0, N·R − Dᵢ). The cost of a preemption (a prefill recomputed or swapped) is not modelled.
/// </remarks>
public sealed class ClassedMinutes
{
    private ClassedMinutes(double[] interactiveDemand, double[] interactiveServed, double[] deferredServed, double[] batchApi, IReadOnlyList<ClassTokens> classes)
    {
        InteractiveDemand = interactiveDemand;
        InteractiveServed = interactiveServed;
        DeferredServed = deferredServed;
        BatchApi = batchApi;
        Classes = classes;
    }

    /// <summary>tok/s of interactive demand (every interactive class), by minute.</summary>
    public double[] InteractiveDemand { get; }

    /// <summary>tok/s of interactive demand the fleet served on arrival, by minute.</summary>
    public double[] InteractiveServed { get; }

    /// <summary>tok/s of held deferrable tokens the fleet served, by minute.</summary>
    public double[] DeferredServed { get; }

    /// <summary>Tokens sent to the batch tier at the end of each minute (deadlines reached), ÷ 60 (tok/s); the horizon's end adds its flush to the last minute.</summary>
    public double[] BatchApi { get; }

    /// <summary>Each class's tokens, in the scenario's order.</summary>
    public IReadOnlyList<ClassTokens> Classes { get; }

    /// <summary>Runs the classes over <paramref name="demand"/> on <paramref name="fleet"/>.</summary>
    /// <param name="kernel">The router's minute closed form for this fleet.</param>
    /// <param name="api">The API's limits and outages, which turn part of the interactive spill away (dropped); null: none. The batch tier has none.</param>
    /// <param name="served">Receives the fleet's total tok/s served in each minute (interactive + deferred).</param>
    public static ClassedMinutes Run(DemandSeries demand, FleetShape fleet, in MinuteRouter kernel, TrafficClasses classes, ApiSpec? api, RequestMix mix, double[] served)
    {
        ReadOnlySpan<double> rate = demand.Rate;
        int n = rate.Length;
        double interactiveShare = classes.InteractiveShare;
        var interactive = new double[n];
        System.Numerics.Tensors.TensorPrimitives.Multiply(rate, interactiveShare, interactive);
        var servedI = new double[n];
        // Priorities among the interactive classes (docs/model.md, "Priorities"): reserved slots have their own closed form.
        if (ClassPriorities.WhyNoMinuteForm(kernel.Rule.Spec, classes) is { } noForm)
        {
            throw new ScenarioException(classes.Location, "traffic.classes", noForm);
        }
        double[]? servedByClass = null;
        double sumI = ClassPriorities.ReservesOnMinutes(kernel.Rule.Spec, classes)
            ? ClassPriorities.ServeReserved(interactive, kernel, classes, servedI, out servedByClass)
            : MinuteEngine.ServeSpan(interactive, kernel, servedI);
        double dropped = api is null || interactiveShare == 0 ? 0 : MinuteApiGate.DroppedTokens(interactive, servedI, api, mix);
        double capacity = fleet.Replicas == 0 ? 0 : fleet.Capacity.Value;
        return Defer(demand, classes, interactive, servedI, sumI, dropped, i => capacity, served, servedByClass);
    }

    /// <summary>
    /// The deferral pass over a fleet whose serving replicas change (a policy's run): the interactive classes were
    /// served already by the fleet's dynamics on their own demand (<paramref name="interactiveServed"/>), and the
    /// spare capacity of minute t is max(0, serving(t)·R − servedᵢ(t)). A fixed fleet is the constant case of
    /// <see cref="Run"/> and gives the same figures.
    /// </summary>
    /// <param name="demand">Every class's demand, tok/s by minute.</param>
    /// <param name="interactive">tok/s of interactive demand by minute: the interactive share × <paramref name="demand"/>; kept, not copied.</param>
    /// <param name="interactiveServed">tok/s of it the fleet served by minute; kept, not copied.</param>
    /// <param name="serving">Replicas serving in each minute (same length as <paramref name="demand"/>).</param>
    /// <param name="replicaThroughput">R: tok/s of one replica at full concurrency.</param>
    /// <param name="interactiveDropped">Interactive spill the API turned away, tokens over the horizon.</param>
    /// <param name="served">Receives the fleet's total tok/s served in each minute (interactive + deferred).</param>
    /// <exception cref="ArgumentException">The arrays' lengths differ from the demand's minutes.</exception>
    public static ClassedMinutes OverChangingFleet(DemandSeries demand, TrafficClasses classes, double[] interactive, double[] interactiveServed,
                                                   int[] serving, double replicaThroughput, double interactiveDropped, double[] served)
    {
        int n = demand.Minutes;
        if (interactive.Length != n || interactiveServed.Length != n || serving.Length != n || served.Length != n)
        {
            throw new ArgumentException($"every minute array needs the demand's {n} minutes");
        }
        double sumI = 0;
        foreach (double s in interactiveServed)
        {
            sumI += s;
        }
        return Defer(demand, classes, interactive, interactiveServed, sumI, interactiveDropped, t => serving[t] * replicaThroughput, served, null);
    }

    /// <summary>
    /// Holds the deferrable classes for the spare capacity max(0, capacity(t) − servedᵢ(t)) each minute, earliest
    /// deadline first, and splits every class's tokens.
    /// </summary>
    /// <param name="servedByClass">Under reserved slots, each interactive class's served tokens (in the scenario's order of the interactive classes); null: the interactive classes share what was served by their shares.</param>
    private static ClassedMinutes Defer(DemandSeries demand, TrafficClasses classes, double[] interactive, double[] servedI, double sumI,
                                        double dropped, Func<int, double> capacity, double[] served, double[]? servedByClass)
    {
        ReadOnlySpan<double> rate = demand.Rate;
        int n = rate.Length;
        double interactiveShare = classes.InteractiveShare;
        List<TrafficClassSpec> deferrable = [.. classes.Classes.Where(c => c.Deferrable)];
        var backlog = new EarliestDeadlineBacklog([.. deferrable.Select(c => c.DeadlineMinutes)]);
        var deferred = new double[n];
        var batch = new double[n];
        for (int t = 0; t < n; t++)
        {
            for (int c = 0; c < deferrable.Count; c++)
            {
                backlog.Arrive(c, t, deferrable[c].Share * rate[t] * 60.0);
            }
            double spare = Math.Max(0, capacity(t) - servedI[t]) * 60.0;
            deferred[t] = backlog.Serve(spare) / 60.0;
            batch[t] = backlog.Expire(t) / 60.0;
            served[t] = servedI[t] + deferred[t];
        }
        double[] atEnd = backlog.Flush();
        if (n > 0)
        {
            batch[n - 1] += atEnd.Sum() / 60.0;
        }

        double total = demand.Total.Value;
        var tokens = new List<ClassTokens>();
        int d = 0, k = 0;
        double spilledI = Math.Max(0, interactiveShare * total - sumI * 60.0);
        foreach (TrafficClassSpec c in classes.Classes)
        {
            double classDemand = c.Share * total;
            if (c.Deferrable)
            {
                double self = backlog.Served[d], toBatch = Math.Max(0, classDemand - self);
                tokens.Add(new ClassTokens(c.Name, true, new Tokens(classDemand), new Tokens(0), new Tokens(self), new Tokens(0),
                                           new Tokens(toBatch), new Tokens(atEnd[d]), new Tokens(0)));
                d++;
            }
            else
            {
                double part = c.Share / interactiveShare;
                // Under reserved slots each class is served by its own blocking, and the API turns away its part of the spill.
                double self = servedByClass is null ? Math.Min(classDemand, part * sumI * 60.0) : Math.Min(classDemand, servedByClass[k++]);
                double lost = servedByClass is null ? Math.Min(classDemand - self, part * dropped)
                    : spilledI > 0 ? Math.Min(classDemand - self, (classDemand - self) / spilledI * dropped) : 0;
                tokens.Add(new ClassTokens(c.Name, false, new Tokens(classDemand), new Tokens(self), new Tokens(0),
                                           new Tokens(Math.Max(0, classDemand - self - lost)), new Tokens(0), new Tokens(0), new Tokens(lost)));
            }
        }
        return new ClassedMinutes(interactive, servedI, deferred, batch, tokens) { InteractiveDropped = new Tokens(dropped) };
    }

    /// <summary>Interactive spill the API turned away (its limits, its outages).</summary>
    public Tokens InteractiveDropped { get; private init; }
}
