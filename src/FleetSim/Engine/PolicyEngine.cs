using FleetSim.Routing;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Engine;

/// <summary>Runs a policy by name over a month: the oracle as its bound, every other policy through <see cref="FleetDynamics"/>.</summary>
public static class PolicyEngine
{
    /// <param name="expected">The average traffic the planning policies plan on.</param>
    /// <param name="actual">The month that comes, which the fleet serves (and the oracle knows).</param>
    /// <param name="buffers">A thread's reusable month buffers (Monte Carlo); null for fresh arrays.</param>
    public static PolicyRun Run(string name, ScenarioSpec scenario, DemandSeries expected, DemandSeries actual, FleetEconomics economics,
                                int seed, MonthBuffers? buffers = null)
    {
        PolicyFactory.Validate(name);
        if (scenario.Traffic.Classes is { } classes)
        {
            throw classes.Unsupported("fleetsim compare, sweep, report, tiers and plan (a policy's run)");
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
}
