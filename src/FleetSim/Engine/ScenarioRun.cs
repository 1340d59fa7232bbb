using FleetSim.Economics;
using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Engine;

/// <summary>
/// A scenario run end to end on the minute engine: demand, fleet, the router's bill, and the fluid
/// bill beside it (the seed's arithmetic) so the gap between the two is always visible.
/// </summary>
public sealed record ScenarioRun(ScenarioSpec Scenario, DemandSeries Demand, MinuteRun Run, Bill Bill, Bill FluidBill)
{
    public static ScenarioRun Of(ScenarioSpec scenario)
    {
        DemandSeries demand = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        int replicas = FleetSizing.Replicas(scenario.Fleet, scenario.Replica, demand);
        var fleet = new FleetShape(replicas, scenario.Replica);
        MinuteRun run = MinuteEngine.Run(demand, fleet, scenario.Router.Mode);
        Bill bill = BillCalculator.For(scenario, run);
        Bill fluid = scenario.Router.Mode == RouterMode.Fluid
            ? bill
            : BillCalculator.For(scenario, MinuteEngine.Run(demand, fleet, RouterMode.Fluid));
        return new ScenarioRun(scenario, demand, run, bill, fluid);
    }

    /// <summary>Everything the loader and the traffic fit noticed without refusing.</summary>
    public IEnumerable<string> Warnings => Scenario.Warnings.Concat(Demand.Warnings);
}
