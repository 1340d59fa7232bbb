using System.Globalization;
using FleetSim.Runs.Plan;
using FleetSim.Scenario;

namespace FleetSim.Reporting;

/// <summary>The words a plan's table, markdown and JSON share for one candidate.</summary>
public static class PlanRows
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The pool as a short label: <c>reserved_3y ×2</c>, or <c>as scenario</c> for compare's own fleet.</summary>
    public static string Pool(PlanCandidate c) =>
        c.IsScenarios ? "as scenario" : c.ReservedNodes > 0 ? $"{PoolMixes.Name(c.Pool)} ×{c.ReservedNodes.ToString(Inv)}" : PoolMixes.Name(c.Pool);

    /// <summary>The node column: the node type and, for a smaller instance, its GPUs: <c>gcp-a3-highgpu/4</c>.</summary>
    public static string Node(PlanCandidate c) =>
        c.NodeType is { } n && c.InstanceGpus != n.GpusPerNode ? $"{n.Name}/{c.InstanceGpus.ToString(Inv)}" : c.NodeTypeName;

    /// <summary>The GPU model, or the scenario's replica's.</summary>
    public static string Gpu(PlanCandidate c) => c.NodeType?.Gpu ?? "scenario";

    /// <summary>measured, estimated, or scenario for compare's own fleet.</summary>
    public static string Basis(PlanCandidate c) => c.Replica is { } r ? r.Basis.ToString().ToLowerInvariant() : "scenario";
}
