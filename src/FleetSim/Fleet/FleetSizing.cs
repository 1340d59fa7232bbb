using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Fleet;

/// <summary>
/// Turns a fleet rule into a replica count for a given demand. Nodes are rented whole and a paid
/// node's GPUs do not sit idle: a count that leaves part of a node empty is filled up to whole nodes
/// (5 TP4 replicas on 8-GPU nodes run as 6 on 3 nodes), in every verb and every policy.
/// </summary>
public static class FleetSizing
{
    /// <summary>
    /// The seed's floor: the most replicas whose combined capacity fits under the trough hour of the
    /// calendar the demand is a window of (so a short horizon gets the month's floor, not its own),
    /// then filled to whole nodes (<see cref="WholeNodes"/>). The seed: 110K ÷ 26.6K → 4 replicas, 2 nodes.
    /// </summary>
    public static int Floor(ReplicaSpec replica, DemandSeries demand) =>
        WholeNodes((int)Math.Floor(demand.CalendarTroughRate.Value / replica.Throughput.Value + 1e-12), replica);

    /// <summary>Replicas the fleet rule gives, filled to whole nodes.</summary>
    public static int Replicas(FleetSpec fleet, ReplicaSpec replica, DemandSeries demand) => fleet switch
    {
        StaticFleet s => WholeNodes(s.Replicas, replica),
        FloorFleet => Floor(replica, demand),
        _ => throw new NotSupportedException(fleet.GetType().Name),
    };

    /// <summary>
    /// Says so when <paramref name="asked"/> replicas leave part of a node empty and run as
    /// <see cref="WholeNodes"/> of them; null when they fill their nodes. <paramref name="what"/> names the setting.
    /// </summary>
    public static string? Filled(string what, int asked, ReplicaSpec replica)
    {
        int runs = WholeNodes(asked, replica);
        return runs == asked ? null
            : $"{what}: {Units.Quantity.Count(asked, "replica")} of {replica.Gpus} GPUs {(asked == 1 ? "takes" : "take")} {Units.Quantity.Count(runs / replica.ReplicasPerNode, "whole node")} " +
              $"of {replica.GpusPerNode}, which {(runs / replica.ReplicasPerNode == 1 ? "runs" : "run")} {Units.Quantity.Count(runs, "replica")}";
    }

    /// <summary>The replicas that <paramref name="replicas"/> replicas' nodes hold: ⌈replicas ÷ per node⌉ × per node.</summary>
    public static int WholeNodes(int replicas, ReplicaSpec replica)
    {
        int perNode = replica.ReplicasPerNode;
        return (int)Math.Min(int.MaxValue / 2, ((long)replicas + perNode - 1) / perNode * perNode);
    }
}
