using FleetSim.Engine;
using FleetSim.Engine.Requests;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Economics;

/// <summary>Prices a minute-engine run.</summary>
public static class BillCalculator
{
    public static Bill For(ScenarioSpec scenario, MinuteRun run) => new(
        scenario.Name,
        run.Router,
        run.Demand.Horizon,
        run.Fleet,
        run.Demand.Total,
        run.SelfHosted,
        run.Spilled,
        scenario.Api.Price,
        SelfHostPriceAtFullUse(scenario.Replica),
        run.Utilization,
        run.TroughUtilization);

    /// <summary>Prices a request-engine run: the tokens it actually drew, served, spilled and dropped.</summary>
    public static Bill For(ScenarioSpec scenario, RequestRun run) => new Bill(
        scenario.Name,
        run.Router.Mode,
        run.Demand.Horizon,
        run.Fleet,
        run.DemandTokens,
        run.SelfHosted,
        run.Spilled,
        scenario.Api.Price,
        SelfHostPriceAtFullUse(scenario.Replica),
        run.Utilization,
        run.TroughUtilization)
    { Dropped = run.Dropped };

    /// <summary>
    /// $/M processed tokens of one replica busy all the time, charged its share of the whole node
    /// it is packed into (idle GPUs on a node are paid for too).
    /// </summary>
    public static UsdPerMillionTokens SelfHostPriceAtFullUse(ReplicaSpec replica)
    {
        double usdPerReplicaHour = replica.GpuPrice.Value * replica.GpusPerNode / replica.ReplicasPerNode;
        double millionTokensPerHour = replica.Throughput.Value * 3600.0 / 1e6;
        return new UsdPerMillionTokens(usdPerReplicaHour / millionTokensPerHour);
    }
}
