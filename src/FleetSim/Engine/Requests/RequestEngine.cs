using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Engine.Requests;

/// <summary>The request-level reference engine: every request simulated on the event kernel.</summary>
public static class RequestEngine
{
    public static RequestRun Run(ScenarioSpec scenario, DemandSeries demand, FleetShape fleet, int seed) =>
        new RequestSimulation(scenario, demand, fleet, seed).Run();
}
