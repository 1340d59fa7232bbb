namespace FleetSim.Scaling;

/// <summary>
/// KEDA's move between zero and one replica, beside the HPA that scales from one up. Follows
/// kedacore/keda <c>pkg/scaling/executor/scale_scaledobjects.go</c> (<c>RequestScale</c>,
/// <c>scaleToZero</c>, <c>scaleFromZero</c>): every <c>pollingInterval</c> (default 30 s) the trigger
/// is active when it sees demand; at zero replicas an active trigger asks for one (or minReplicaCount);
/// with replicas and no active trigger for <c>cooldownPeriod</c> (default 300 s) since it was last
/// active, it asks for zero, whatever the HPA holds. Times are whole seconds.
/// </summary>
/// <param name="cooldownSeconds">KEDA <c>cooldownPeriod</c>: seconds without demand before the last replicas go.</param>
/// <param name="pollingSeconds">KEDA <c>pollingInterval</c>: seconds between checks.</param>
public sealed class KedaScaleToZero(int cooldownSeconds, int pollingSeconds)
{
    private long _lastActive = long.MinValue, _nextPoll;

    /// <summary>Forgets when demand was last seen (a new run).</summary>
    public void Reset()
    {
        _lastActive = long.MinValue;
        _nextPoll = 0;
    }

    /// <summary>
    /// The scale's replicas after KEDA's check at <paramref name="now"/> (seconds), if one is due;
    /// <paramref name="current"/> otherwise. <paramref name="active"/>: the trigger sees demand.
    /// </summary>
    public int Poll(long now, int current, bool active)
    {
        if (now < _nextPoll)
        {
            return current;
        }
        _nextPoll = now + pollingSeconds;
        if (active)
        {
            _lastActive = now;
            return current == 0 ? 1 : current;
        }
        // Never active since the run began: KEDA has no LastActiveTime and scales to zero at once.
        bool cooled = _lastActive == long.MinValue || _lastActive + cooldownSeconds < now;
        return current > 0 && cooled ? 0 : current;
    }
}
