using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Tests.Plan;

/// <summary>Small catalogues built in code, with prices chosen so a plan's answer can be worked out by hand.</summary>
internal static class PlanCatalogues
{
    /// <summary>One 8-GPU B200 node type at the given $/GPU-hour by pool, and the seed's TP4 replica (26.6K tok/s at 8 in flight).</summary>
    public static NodeCatalogue B200(double onDemand, double? reserved1Year = null, double? reserved3Year = null, double? spot = null, double preemptions = 0) =>
        new("test", "test-catalogue.yaml",
            [Node("b200", onDemand, reserved1Year, reserved3Year, spot, preemptions)],
            [new CatalogueReplica("kimi-k2.6", "B200", 4, 8, new TokensPerSecond(26_600), null, null, FigureBasis.Measured)]);

    public static NodeType Node(string name, double onDemand, double? reserved1Year = null, double? reserved3Year = null, double? spot = null,
                                double preemptions = 0, string gpu = "B200", int[]? sizes = null) =>
        new(name, "test", name + ".48xlarge", gpu, 8, sizes ?? [8],
            new NodePrices(new UsdPerGpuHour(onDemand), Usd(reserved1Year), Usd(reserved3Year), Usd(spot)),
            spot is null ? null : preemptions);

    private static UsdPerGpuHour? Usd(double? price) => price is { } p ? new UsdPerGpuHour(p) : null;

    /// <summary>
    /// A catalogue of one node type shaped like <paramref name="scenario"/>'s own replica and node (same GPUs,
    /// node size, throughput, curve and max in flight) at the given prices, the replica measured or estimated.
    /// </summary>
    public static NodeCatalogue Scenarios(ScenarioSpec scenario, double onDemand, double reserved1Year, double reserved3Year, double spot, double preemptions,
                                          bool estimated)
    {
        ReplicaSpec r = scenario.Replica;
        var node = new NodeType("generated", "test", "generated.48xlarge", "GPU", r.GpusPerNode, [r.GpusPerNode],
            new NodePrices(new UsdPerGpuHour(onDemand), new UsdPerGpuHour(reserved1Year), new UsdPerGpuHour(reserved3Year), new UsdPerGpuHour(spot)), preemptions);
        var replica = new CatalogueReplica("kimi-k2.6", "GPU", r.Gpus, r.MaxInFlight, r.Throughput, r.MeasuredCurve, r.PrefillOverride,
            estimated ? FigureBasis.Estimated : FigureBasis.Measured);
        return new NodeCatalogue("generated", "generated-catalogue.yaml", [node], [replica]);
    }
}
