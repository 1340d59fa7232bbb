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
    /// <summary>
    /// Fresh (uncached) input tokens per second the replica prefills, shared by the requests in flight;
    /// sets time to first token. Default: 4 × <see cref="Throughput"/>, which gives DOMAIN.md's
    /// TTFT p50 ≈ 1.6 s for 13K fresh tokens at TP8 with 16 in flight (32K tok/s × 4 = 128K tok/s).
    /// </summary>
    public TokensPerSecond Prefill => PrefillOverride ?? Throughput * 4;

    public TokensPerSecond? PrefillOverride { get; init; }

    /// <summary>Whole replicas that fit on one node.</summary>
    public int ReplicasPerNode => GpusPerNode / Gpus;
}
