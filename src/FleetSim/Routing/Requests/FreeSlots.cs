namespace FleetSim.Routing.Requests;

/// <summary>
/// Slot replicas as a router sees them when a request starts at once or not at all (the spill router, and its
/// reserved-slot form): replicas with a free slot are eligible, and their load is their slots in use, which are
/// the requests held on them and not yet ended.
/// </summary>
internal readonly struct FreeSlots(FleetSlots slots) : IReplicaState
{
    public static bool LoadCountsHolds => true;

    public bool Eligible(int replica, double now) => slots.HasFree(replica, now);

    public int Load(int replica, double now) => slots.Busy(replica, now);

    public bool EligibleAtLoad(int replica, int load) => load < slots.Servers;
}
