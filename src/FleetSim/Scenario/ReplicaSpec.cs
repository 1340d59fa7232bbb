using FleetSim.Units;

namespace FleetSim.Scenario;

/// <summary>One model replica (a tensor-parallel group of GPUs) and the node it is packed into.</summary>
/// <param name="Gpus">GPUs per replica (TP degree): 4 for the seed's TP4.</param>
/// <param name="GpusPerNode">GPUs in the smallest rentable unit: 8 for an HGX box.</param>
/// <param name="Throughput">Processed tokens per second at full concurrency.</param>
/// <param name="MaxInFlight">Requests the replica runs at once; the router admits no more.</param>
/// <param name="GpuPrice">Rental price per GPU-hour.</param>
public sealed record ReplicaSpec(
    int Gpus,
    int GpusPerNode,
    TokensPerSecond Throughput,
    int MaxInFlight,
    UsdPerGpuHour GpuPrice)
{
    /// <summary>Whole replicas that fit on one node.</summary>
    public int ReplicasPerNode => GpusPerNode / Gpus;
}
