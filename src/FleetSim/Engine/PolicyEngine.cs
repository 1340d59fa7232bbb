using FleetSim.Engine.Deferral;
using FleetSim.Routing;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Engine;

/// <summary>Runs a policy by name over a month: the oracle as its bound, every other policy through <see cref="FleetDynamics"/>.</summary>
/// <remarks>
/// With traffic classes (<c>traffic.classes</c>) a policy sees, plans on and scales on the interactive demand only
/// (the interactive share × the traffic): the deferrable work fills what the fleet leaves idle, earliest deadline
/// first, in a pass over the policy's serving counts after its run (<see cref="ClassedMinutes.OverChangingFleet"/>),
/// and what misses its deadline goes to the batch tier. The static policy keeps the scenario's fixed fleet, sized on
/// the whole traffic as <c>fleetsim run</c> sizes it, so its row bills what run bills. The oracle is refused when a
/// class is deferrable: computed on the interactive demand it is no bound (a fleet kept for deferred work could beat
/// it), see docs/model.md, "Traffic classes and deferral".
/// </remarks>
public static class PolicyEngine
{
    /// <param name="expected">The average traffic the planning policies plan on.</param>
    /// <param name="actual">The month that comes, which the fleet serves (and the oracle knows).</param>
    /// <param name="buffers">A thread's reusable month buffers (Monte Carlo); null for fresh arrays.</param>
    /// <exception cref="ScenarioException">The oracle with a deferrable class (<see cref="OracleRefused"/>).</exception>
    public static PolicyRun Run(string name, ScenarioSpec scenario, DemandSeries expected, DemandSeries actual, FleetEconomics economics,
                                int seed, MonthBuffers? buffers = null)
    {
        PolicyFactory.Validate(name);
        if (scenario.Traffic.Classes is { } classes)
        {
            return RunClassed(name, scenario, classes, expected, actual, economics, seed);
        }
        PolicyRun run;
        if (name == OracleBound.Name)
        {
            run = OracleBound.Run(actual, economics, scenario.Scaling.MaxNodes);
        }
        else
        {
            IScalingPolicy policy = PolicyFactory.Create(name, scenario, expected, economics);
            run = buffers is null
                ? FleetDynamics.Run(scenario, actual, policy, economics, seed)
                : FleetDynamics.Run(scenario, actual, policy, economics, seed, buffers);
        }
        if (!MinuteApiGate.Limits(scenario.Api))
        {
            return run;
        }
        double dropped = MinuteApiGate.DroppedTokens(actual.Rate, run.Served, scenario.Api, scenario.Traffic.RequestMix);
        return run with { ApiDroppedTokens = new Units.Tokens(dropped) };
    }

    /// <summary>True when <paramref name="scenario"/> has a deferrable class, so the oracle is no bound and is refused.</summary>
    public static bool RefusesOracle(ScenarioSpec scenario) => scenario.Traffic.Classes?.Classes.Any(c => c.Deferrable) == true;

    /// <summary>The refusal of the oracle with a deferrable class, at <c>traffic.classes</c> (exit code 2 from the CLI).</summary>
    public static ScenarioException OracleRefused(TrafficClasses classes) => new(classes.Location, "traffic.classes",
        "the oracle is no bound with a deferrable class (computed on the interactive demand, a fleet that keeps nodes for the deferred work " +
        "could cost less; docs/model.md, \"Traffic classes and deferral\"); leave oracle out of --policies and scaling.policies");

    /// <summary>
    /// A policy's month with classes: its fleet runs on the interactive demand (the static fleet is sized on the whole
    /// traffic), then the deferral pass fills each minute's spare capacity serving(t)·R − servedᵢ(t).
    /// </summary>
    private static PolicyRun RunClassed(string name, ScenarioSpec scenario, TrafficClasses classes, DemandSeries expected, DemandSeries actual,
                                        FleetEconomics economics, int seed)
    {
        if (name == OracleBound.Name && RefusesOracle(scenario))
        {
            throw OracleRefused(classes);
        }
        if (ClassPriorities.WhyNoMinuteForm(scenario.Router, classes) is { } noForm)
        {
            throw new ScenarioException(classes.Location, "traffic.classes", noForm + "; the policy verbs run on the minute engine");
        }
        if (ClassPriorities.ReservesOnMinutes(scenario.Router, classes))
        {
            // The fleet's dynamics serve the interactive classes as one stream; reserved slots would change each class's
            // share of it, so a policy's bill by class would be wrong. Refused rather than guessed.
            throw new ScenarioException(classes.Location, "traffic.classes",
                "reserved_slots are modelled for a fixed fleet (fleetsim run, either engine), not yet under a policy whose fleet changes " +
                "(compare, sweep, tiers, report, plan); remove reserved_slots for these verbs");
        }
        double share = classes.InteractiveShare;
        DemandSeries interactive = Scaled(actual, share);
        PolicyRun run;
        if (name == OracleBound.Name)
        {
            run = OracleBound.Run(interactive, economics, scenario.Scaling.MaxNodes);
        }
        else
        {
            // The static fleet is the scenario's own, sized on the whole traffic as fleetsim run sizes it; every other
            // policy plans on the interactive traffic it serves on arrival.
            DemandSeries planned = name.StartsWith("static", StringComparison.Ordinal) ? expected : Scaled(expected, share);
            IScalingPolicy policy = PolicyFactory.Create(name, scenario, planned, economics);
            run = FleetDynamics.Run(scenario, interactive, policy, economics, seed);
        }
        double[] interactiveRate = interactive.RateArray;
        double dropped = MinuteApiGate.Limits(scenario.Api) && share > 0
            ? MinuteApiGate.DroppedTokens(interactiveRate, run.Served, scenario.Api, scenario.Traffic.RequestMix)
            : 0;
        var served = new double[actual.Minutes];
        ClassedMinutes classed = ClassedMinutes.OverChangingFleet(actual, classes, interactiveRate, run.Served, run.Serving,
                                                                  run.ReplicaThroughput, dropped, served);
        double sum = 0;
        foreach (double s in served)
        {
            sum += s;
        }
        return run with
        {
            Demand = actual,
            Served = served,
            SelfHostedTokens = new Units.Tokens(sum * 60.0),
            ApiDroppedTokens = new Units.Tokens(dropped),
            Classes = classed,
            ClassPrices = [.. classes.Classes.Zip(Pricing.BatchTier.Discounts(classes, scenario.Api.Price), (c, d) => (c.Share, d))],
        };
    }

    /// <summary><paramref name="demand"/> × <paramref name="share"/>, minute by minute (the same series when the share is 1).</summary>
    private static DemandSeries Scaled(DemandSeries demand, double share)
    {
        if (share == 1)
        {
            return demand;
        }
        var rate = new double[demand.Minutes];
        System.Numerics.Tensors.TensorPrimitives.Multiply(demand.Rate, share, rate);
        return new DemandSeries(rate, demand.Warnings, demand.CalendarTroughRate * share);
    }
}
