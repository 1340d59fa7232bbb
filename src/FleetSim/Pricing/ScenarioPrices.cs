using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Pricing;

/// <summary>
/// Every price a scenario sets, in one object: the API's tariff for the traffic's mix, node billing,
/// and what a replica's tokens cost at full use. Built once per scenario; everything that turns
/// tokens or node time into dollars reads it.
/// </summary>
public sealed class ScenarioPrices
{
    public ScenarioPrices(ScenarioSpec scenario)
    {
        Replica = scenario.Replica;
        Api = new ApiTariff(scenario.Api.Price, scenario.Traffic.RequestMix, scenario.Traffic.BatchShare);
        Nodes = new NodeBilling(scenario.Pricing, scenario.Replica);
    }

    public ReplicaSpec Replica { get; }

    public ApiTariff Api { get; }

    public NodeBilling Nodes { get; }

    /// <summary>$/M processed tokens at the API for this traffic's mix.</summary>
    public UsdPerMillionTokens ApiPerMillion => Api.PerMillionProcessed;

    /// <summary>$/M of a replica of the base fleet (on demand, or spot when the base fleet is spot) kept busy all the time.</summary>
    public UsdPerMillionTokens SelfHostAtFullUse => AtFullUse(Nodes.UsdPerGpuHour(Nodes.BaseKind));

    /// <summary>$/M of a replica busy all the time on the cheapest node the scenario offers (reserved, spot or on demand).</summary>
    public UsdPerMillionTokens CheapestSelfHostAtFullUse => AtFullUse(Nodes.CheapestUsdPerGpuHour);

    /// <summary>
    /// $/M processed tokens of one replica busy all the time at <paramref name="usdPerGpuHour"/>, charged
    /// its share of the whole node it is packed into (idle GPUs on a node are paid for too):
    /// ($/GPU-hour × GPUs per node ÷ replicas per node) ÷ (tok/s × 3,600 ÷ 10⁶). The seed: $0.2506/M.
    /// </summary>
    public UsdPerMillionTokens AtFullUse(double usdPerGpuHour)
    {
        double usdPerReplicaHour = usdPerGpuHour * Replica.GpusPerNode / Replica.ReplicasPerNode;
        double millionTokensPerHour = Replica.Throughput.Value * 3600.0 / 1e6;
        return new UsdPerMillionTokens(usdPerReplicaHour / millionTokensPerHour);
    }
}
