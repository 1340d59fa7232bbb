namespace FleetSim.Routing.Requests;

/// <summary>
/// What <see cref="EligibleReplicas{TState}"/> asks of a router about one replica at a time: the
/// same two questions as <see cref="IReplicaView"/>, at a given moment.
/// </summary>
public interface IReplicaState
{
    /// <summary>Whether replica <paramref name="replica"/> may be picked at <paramref name="now"/> (seconds).</summary>
    bool Eligible(int replica, double now);

    /// <summary>least-busy's count for replica <paramref name="replica"/> at <paramref name="now"/>: its requests in flight.</summary>
    int Load(int replica, double now);
}
