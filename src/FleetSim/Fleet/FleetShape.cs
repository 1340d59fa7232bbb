using FleetSim.Pricing;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Fleet;

/// <summary>A fixed fleet: replicas packed into whole nodes, and what it can serve.</summary>
public sealed record FleetShape(int Replicas, ReplicaSpec Replica)
{
    /// <summary>Whole nodes needed: replicas never straddle nodes, and nodes are rented whole.</summary>
    public int Nodes => Replicas == 0 ? 0 : (Replicas + Replica.ReplicasPerNode - 1) / Replica.ReplicasPerNode;

    /// <summary>GPUs rented (and billed): every GPU of every node, used or idle.</summary>
    public int BilledGpus => Nodes * Replica.GpusPerNode;

    /// <summary>Request slots across the fleet.</summary>
    public int Slots => Replicas * Replica.MaxInFlight;

    /// <summary>Processed tok/s the fleet serves at full concurrency.</summary>
    public TokensPerSecond Capacity => Replica.Throughput * Replicas;

    /// <summary>GPUs rented but running no replica (an odd replica count leaves part of a node idle).</summary>
    public int IdleGpus => BilledGpus - Replicas * Replica.Gpus;

    /// <summary>
    /// The fixed fleet's node leases for a whole horizon: the first <paramref name="reservedNodes"/>
    /// reserved, the rest bought as <paramref name="baseKind"/>, all leased from minute 0 and never let go.
    /// A spot base beyond <paramref name="spotCap"/> nodes (<c>pricing.spot.max_nodes</c>) is on demand.
    /// </summary>
    public IReadOnlyList<NodeLease> Leases(int reservedNodes, NodeKind baseKind, int spotCap = int.MaxValue) =>
        [.. Enumerable.Range(0, Nodes).Select(i => new NodeLease(
            i < reservedNodes ? NodeKind.Reserved : baseKind == NodeKind.Spot && i - reservedNodes >= spotCap ? NodeKind.OnDemand : baseKind, 0, 0))];
}
