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

    /// <summary>
    /// When replica <paramref name="replica"/>'s standing next changes by itself as things stand
    /// (seconds; +∞ for never), asked after every look at it so that it is looked at again then:
    /// for states whose changes the router cannot announce ahead (a shared replica's next finish
    /// moves as requests come and go). NaN (the default): the router announces them with WakeAt.
    /// </summary>
    double NextChange(int replica) => double.NaN;

    /// <summary>Whether <see cref="NextChange"/> is asked at all (false unless a state says so, so states without it pay nothing).</summary>
    static virtual bool ChangesByItself => false;

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
