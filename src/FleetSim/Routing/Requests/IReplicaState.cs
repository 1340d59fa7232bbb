namespace FleetSim.Routing.Requests;

/// <summary>
/// What <see cref="EligibleReplicas{TState}"/> asks of a router about one replica at a time: the
/// same two questions as <see cref="IReplicaView"/>, at a given moment.
/// </summary>
public interface IReplicaState
{
    /// <summary>
    /// Whether a replica's load is exactly the requests the router reports with
    /// <see cref="EligibleReplicas{TState}.Held"/> that have started and not yet ended, and its
    /// eligibility follows from that load alone (<see cref="EligibleAtLoad"/>) and is lost only as
    /// the load rises (eligible at one load, eligible at any lower one): then least-busy
    /// counts the load itself, one up when a request is held and one down when it ends, and never
    /// asks the router again about a replica whose request has ended. False unless a state says so.
    /// </summary>
    static virtual bool LoadCountsHolds => false;

    /// <summary>Whether replica <paramref name="replica"/> may be picked at <paramref name="now"/> (seconds).</summary>
    bool Eligible(int replica, double now);

    /// <summary>least-busy's count for replica <paramref name="replica"/> at <paramref name="now"/>: its requests in flight.</summary>
    int Load(int replica, double now);

    /// <summary>
    /// Whether replica <paramref name="replica"/> may be picked with <paramref name="load"/>
    /// requests in flight. Asked only when <see cref="LoadCountsHolds"/>.
    /// </summary>
    bool EligibleAtLoad(int replica, int load) => true;
}
