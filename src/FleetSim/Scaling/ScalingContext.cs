namespace FleetSim.Scaling;

/// <summary>
/// What a policy sees when it decides: the clock, the fleet, and the minutes served so far. The engine
/// builds one per run and moves it with <see cref="At"/>; a test builds one from arrays of its own
/// (demand, served tok/s and serving replicas per minute) and calls <see cref="At"/> to decide without running the engine.
/// </summary>
/// <param name="demand">Offered tok/s in each minute of the horizon.</param>
/// <param name="served">Served tok/s in each minute (read only before <see cref="Minute"/>).</param>
/// <param name="serving">Replicas serving in each minute (read only before <see cref="Minute"/>).</param>
/// <param name="provisioningMinutes">Minutes from asking for a node to its replicas serving.</param>
/// <param name="settle">Fills in the served tok/s of every minute before <see cref="Minute"/> (the fleet serves lazily).</param>
public sealed class ScalingContext(FleetEconomics economics, double[] demand, double[] served, int[] serving, int provisioningMinutes,
                                   Action? settle = null)
{
    public FleetEconomics Economics { get; } = economics;

    /// <summary>The decision instant, in minutes from the start of the horizon (a policy may decide between whole minutes).</summary>
    public double Time { get; private set; }

    /// <summary>The minutes the decision can see: everything before it has been served (at most <see cref="Time"/>, rounded down).</summary>
    public int Minute { get; internal set; }

    /// <summary>Replicas serving now.</summary>
    public int ServingReplicas { get; internal set; }

    /// <summary>Replicas the policy last asked for (0 before its first decision).</summary>
    public int DesiredReplicas { get; internal set; }

    /// <summary>
    /// Moves the context to <paramref name="time"/> (minutes) with <paramref name="servingReplicas"/> serving
    /// and <paramref name="desiredReplicas"/> last asked for; the minutes before ⌊time⌋ (at most the
    /// horizon) are what a policy may read. Returns this context.
    /// </summary>
    public ScalingContext At(double time, int servingReplicas, int desiredReplicas)
    {
        Time = time;
        SameAnswerUntil = time;
        Minute = Math.Clamp((int)Math.Floor(time + 1e-9), 0, demand.Length);
        ServingReplicas = servingReplicas;
        DesiredReplicas = desiredReplicas;
        return this;
    }

    /// <summary>
    /// Set by a policy that would give the same answer at every decision before this instant (minutes),
    /// as long as the serving replicas stay as they are and no new minute of data comes in; the engine
    /// may then skip those decisions. A policy that sets it must account for the skipped decisions itself
    /// when it is next asked. <see cref="At"/> resets it to the decision instant (skip nothing).
    /// </summary>
    public double SameAnswerUntil { get; set; }

    /// <summary>Minutes from asking for a node to its replicas serving.</summary>
    public int ProvisioningMinutes { get; } = provisioningMinutes;

    /// <summary>Offered demand (tok/s) of each minute before <see cref="Minute"/>.</summary>
    public ReadOnlySpan<double> PastDemand => demand.AsSpan(0, Minute);

    /// <summary>Served tok/s of each minute before <see cref="Minute"/>.</summary>
    public ReadOnlySpan<double> PastServed
    {
        get
        {
            settle?.Invoke();
            return served.AsSpan(0, Minute);
        }
    }

    /// <summary>Replicas serving in each minute before <see cref="Minute"/>.</summary>
    public ReadOnlySpan<int> PastServing => serving.AsSpan(0, Minute);

    /// <summary>Busy share of the serving replicas' capacity in the last minute (0 with none serving).</summary>
    public double LastMinuteUtilization
    {
        get
        {
            if (Minute == 0 || serving[Minute - 1] == 0)
            {
                return 0;
            }
            settle?.Invoke();
            return served[Minute - 1] / (serving[Minute - 1] * Economics.Replica.Throughput.Value);
        }
    }

    /// <summary>
    /// Demand offered in the last minute over the serving replicas' capacity, as the router sees it
    /// (it counts the requests it spilled too); can exceed 1. +∞ with demand and no replica serving.
    /// </summary>
    public double LastMinuteOfferedLoad
    {
        get
        {
            if (Minute == 0)
            {
                return 0;
            }
            double capacity = serving[Minute - 1] * Economics.Replica.Throughput.Value;
            double offered = demand[Minute - 1];
            return capacity > 0 ? offered / capacity : offered > 0 ? double.PositiveInfinity : 0;
        }
    }

    /// <summary>
    /// Demand (tok/s) offered in the last minute. At minute 0 the fleet has been running before the
    /// horizon, and the minute before it is taken to look like the first.
    /// </summary>
    public double LastMinuteDemand => Minute == 0 ? (demand.Length > 0 ? demand[0] : 0) : demand[Minute - 1];

    /// <summary>Two hours of minutes for a policy's forecasts (no per-run month-long buffers: they land on the large-object heap).</summary>
    internal double[] Scratch { get; } = new double[120];
}
