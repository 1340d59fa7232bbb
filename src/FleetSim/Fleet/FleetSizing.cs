using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Fleet;

/// <summary>Turns a fleet rule into a replica count for a given demand.</summary>
public static class FleetSizing
{
    /// <summary>
    /// The seed's floor: the most replicas whose combined capacity fits under the trough hour of the
    /// calendar the demand is a window of, so a short horizon gets the month's floor, not its own.
    /// </summary>
    public static int Floor(ReplicaSpec replica, DemandSeries demand) =>
        (int)Math.Floor(demand.CalendarTroughRate.Value / replica.Throughput.Value + 1e-12);

    public static int Replicas(FleetSpec fleet, ReplicaSpec replica, DemandSeries demand) => fleet switch
    {
        StaticFleet s => s.Replicas,
        FloorFleet => Floor(replica, demand),
        _ => throw new NotSupportedException(fleet.GetType().Name),
    };
}
