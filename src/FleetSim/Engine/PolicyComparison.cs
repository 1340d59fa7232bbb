using FleetSim.Economics;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Engine;

/// <summary>Several autoscaling policies on the same traffic, side by side, with the ceiling none can pass.</summary>
public sealed record PolicyComparison(ScenarioSpec Scenario, DemandSeries Demand, IReadOnlyList<PolicyRun> Runs, Usd AllApi, double SavingsCeiling)
{
    public static PolicyComparison Of(ScenarioSpec scenario, IEnumerable<string>? policies = null)
    {
        DemandSeries expected = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        DemandSeries demand = DemandBuilder.Realize(expected, scenario.Traffic.Noise, scenario.Seed);
        var economics = new FleetEconomics(scenario);
        var runs = new List<PolicyRun>();
        foreach (string name in policies ?? scenario.Scaling.Policies)
        {
            IScalingPolicy policy = PolicyFactory.Create(name, scenario, expected, demand, economics);
            runs.Add(FleetDynamics.Run(scenario, demand, policy, economics, scenario.Seed));
        }
        // The ceiling serves every token at the cheapest full-use rate any node in the pricing offers.
        double cheapest = scenario.Replica.GpuPrice.Value;
        if (scenario.Pricing.ReservedNodes > 0 && scenario.Pricing.ReservedUsdPerGpuHour is { } reserved)
        {
            cheapest = Math.Min(cheapest, reserved);
        }
        if (scenario.Pricing.Spot is { } spot)
        {
            cheapest = Math.Min(cheapest, spot.UsdPerGpuHour);
        }
        var cheapestReplica = scenario.Replica with { GpuPrice = new Units.UsdPerGpuHour(cheapest) };
        double ceiling = 1 - BillCalculator.SelfHostPriceAtFullUse(cheapestReplica).Value / scenario.Api.Price.Value;
        return new PolicyComparison(scenario, demand, runs, demand.Total * scenario.Api.Price, ceiling);
    }

    public PolicyRun this[string policy] => Runs.First(r => r.Policy == policy);
}
