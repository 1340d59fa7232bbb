using FleetSim.Scenario;

namespace FleetSim.Scaling;

/// <summary>
/// HPA v2's <c>behavior</c>: stabilization windows and rate-limit policies between the metric's
/// recommendation and the replicas asked for. Follows kubernetes
/// <c>pkg/controller/podautoscaler/horizontal.go</c>: <c>normalizeDesiredReplicasWithBehaviors</c>,
/// <c>stabilizeRecommendationWithBehaviors</c> (a scale-up takes the lowest recommendation of the last
/// scaleUp window, a scale-down the highest of the last scaleDown window, the current one included),
/// <c>convertDesiredReplicasWithBehaviorRate</c> with <c>calculateScaleUpLimitWithScalingRules</c> and
/// <c>calculateScaleDownLimitWithBehaviors</c> (the period's start is the current replicas less those
/// added, plus those removed, by scale events strictly inside <c>periodSeconds</c>; Pods adds or removes
/// <c>value</c>, Percent multiplies by 1 ± value/100, rounding up when adding and down when removing;
/// <c>selectPolicy</c> Max takes the largest change), and <c>storeScaleEvent</c>.
/// Times are whole seconds. Nothing is allocated per decision: windows are bounded rings.
/// </summary>
public sealed class HpaBehavior
{
    private readonly ScalingRulesSpec _up, _down;
    // Copied out of the specs once: the policies as arrays and the longest periods, read on every scale event.
    private readonly ScalingPolicySpec[] _upPolicies, _downPolicies;
    private readonly int _upLongest, _downLongest;
    private readonly WindowExtreme _lowestUp, _highestDown;
    private readonly ScaleEvents _ups, _downs;

    public HpaBehavior(ScalingRulesSpec scaleUp, ScalingRulesSpec scaleDown)
    {
        _up = scaleUp;
        _down = scaleDown;
        _upPolicies = [.. scaleUp.Policies];
        _downPolicies = [.. scaleDown.Policies];
        _upLongest = scaleUp.LongestPeriodSeconds;
        _downLongest = scaleDown.LongestPeriodSeconds;
        // Decisions come at whole seconds, so a window of W seconds holds at most W + 1 of them.
        _lowestUp = new WindowExtreme(scaleUp.StabilizationWindowSeconds + 2, highest: false);
        _highestDown = new WindowExtreme(scaleDown.StabilizationWindowSeconds + 2, highest: true);
        _ups = new ScaleEvents(scaleUp.LongestPeriodSeconds + 2);
        _downs = new ScaleEvents(scaleDown.LongestPeriodSeconds + 2);
    }

    /// <summary>Forgets every recommendation and scale event (a new run).</summary>
    public void Reset()
    {
        _lowestUp.Clear();
        _highestDown.Clear();
        _ups.Clear();
        _downs.Clear();
    }

    /// <summary>
    /// The replicas to ask for at <paramref name="now"/> (seconds) given the metric's
    /// <paramref name="recommended"/> count and the scale's <paramref name="current"/> replicas, within
    /// [<paramref name="minReplicas"/>, <paramref name="maxReplicas"/>]. Records the recommendation,
    /// and the scale event when the answer differs from <paramref name="current"/>.
    /// </summary>
    public int Normalize(long now, int current, int recommended, int minReplicas, int maxReplicas)
    {
        // Stabilize: the current recommendation with those strictly inside each window.
        int lowestUp = Math.Min(recommended, _lowestUp.Extreme(now - _up.StabilizationWindowSeconds, recommended));
        int highestDown = Math.Max(recommended, _highestDown.Extreme(now - _down.StabilizationWindowSeconds, recommended));
        _lowestUp.Add(now, recommended);
        _highestDown.Add(now, recommended);
        int stabilized = current;
        if (stabilized < lowestUp)
        {
            stabilized = lowestUp;
        }
        if (stabilized > highestDown)
        {
            stabilized = highestDown;
        }

        // Rate limits, then the bounds in the direction of the change.
        int desired = stabilized;
        if (stabilized > current)
        {
            int limit = Math.Max(current, ScaleUpLimit(now, current));
            desired = Math.Min(stabilized, Math.Min(maxReplicas, limit));
        }
        else if (stabilized < current)
        {
            int limit = Math.Min(current, ScaleDownLimit(now, current));
            desired = Math.Max(stabilized, Math.Max(minReplicas, limit));
        }
        Record(now, current, desired);
        return desired;
    }

    /// <summary>
    /// The instant (seconds) before which every decision would return <paramref name="current"/> again if
    /// the metric kept recommending <paramref name="recommended"/>, just after <see cref="Normalize"/>
    /// returned <paramref name="current"/> at <paramref name="now"/>: for ever when the recommendation is
    /// the scale, or a bound or a disabled direction holds it; until the newest recommendation at least the
    /// scale leaves the scale-down window when that window holds it; <paramref name="now"/> when nothing is
    /// known to hold it (a rate limit alone, or a scale-up held by its window).
    /// </summary>
    public long HeldUntil(long now, int current, int recommended, int minReplicas, int maxReplicas)
    {
        if (recommended == current
            || (recommended < current && (current <= minReplicas || _down.Select == SelectPolicy.Disabled))
            || (recommended > current && (current >= maxReplicas || _up.Select == SelectPolicy.Disabled)))
        {
            return long.MaxValue;
        }
        if (recommended > current)
        {
            return now;
        }
        // Held by the window: until the newest recommendation at least the scale leaves it. Held by a rate
        // limit alone (no such recommendation): nothing is promised.
        long newest = _highestDown.LastAtLeast(current, long.MinValue);
        return newest == long.MinValue ? now : newest + _down.StabilizationWindowSeconds;
    }

    /// <summary>
    /// Records <paramref name="recommendation"/> as made at <paramref name="time"/> with no change of scale:
    /// the decisions a caller skipped because they would have repeated the last one.
    /// </summary>
    public void Remember(long time, int recommendation)
    {
        _lowestUp.Add(time, recommendation);
        _highestDown.Add(time, recommendation);
    }

    /// <summary>Stores a change of the scale from <paramref name="from"/> to <paramref name="to"/> replicas at <paramref name="now"/> (HPA's storeScaleEvent).</summary>
    public void Record(long now, int from, int to)
    {
        if (to > from)
        {
            _ups.Add(now, to - from, now - _upLongest);
        }
        else if (to < from)
        {
            _downs.Add(now, from - to, now - _downLongest);
        }
    }

    private int ScaleUpLimit(long now, int current)
    {
        if (_up.Select == SelectPolicy.Disabled)
        {
            return current;
        }
        bool min = _up.Select == SelectPolicy.Min;
        long result = min ? long.MaxValue : long.MinValue;
        foreach (ScalingPolicySpec policy in _upPolicies)
        {
            long start = PeriodStart(now, current, policy.PeriodSeconds);
            long proposed = policy.Type == ScalingPolicyType.Pods
                ? start + policy.Value
                : (long)Math.Ceiling(start * (1 + policy.Value / 100.0));
            result = min ? Math.Min(result, proposed) : Math.Max(result, proposed);
        }
        return (int)Math.Clamp(result, int.MinValue, int.MaxValue);
    }

    private int ScaleDownLimit(long now, int current)
    {
        if (_down.Select == SelectPolicy.Disabled)
        {
            return current;
        }
        // The largest change down is the lowest count: Max takes the minimum, Min the maximum.
        bool smallestChange = _down.Select == SelectPolicy.Min;
        long result = smallestChange ? long.MinValue : long.MaxValue;
        foreach (ScalingPolicySpec policy in _downPolicies)
        {
            long start = PeriodStart(now, current, policy.PeriodSeconds);
            long proposed = policy.Type == ScalingPolicyType.Pods
                ? start - policy.Value
                : (long)(start * (1 - policy.Value / 100.0));
            result = smallestChange ? Math.Max(result, proposed) : Math.Min(result, proposed);
        }
        return (int)Math.Clamp(result, int.MinValue, int.MaxValue);
    }

    private long PeriodStart(long now, int current, int periodSeconds) =>
        (long)current - _ups.SumAfter(now - periodSeconds) + _downs.SumAfter(now - periodSeconds);

    /// <summary>
    /// The lowest (or highest) value recorded strictly after a cutoff, over a sliding window of times
    /// that only grow: a monotonic queue in a ring, so each query and each addition is O(1) amortized.
    /// </summary>
    private sealed class WindowExtreme(int capacity, bool highest)
    {
        private readonly long[] _times = new long[capacity];
        private readonly int[] _values = new int[capacity];
        private int _head, _count;

        public void Clear() => _count = 0;

        /// <summary>The extreme of the values recorded after <paramref name="cutoff"/>; <paramref name="none"/> when there are none.</summary>
        public int Extreme(long cutoff, int none)
        {
            while (_count > 0 && _times[_head] <= cutoff)
            {
                _head = Next(_head);
                _count--;
            }
            return _count > 0 ? _values[_head] : none;
        }

        /// <summary>The time of the newest value at least <paramref name="value"/> (for a highest-value window); <paramref name="none"/> with none.</summary>
        public long LastAtLeast(int value, long none)
        {
            for (int i = _count - 1; i >= 0; i--)
            {
                int slot = Index(i);
                if (_values[slot] >= value)
                {
                    return _times[slot];
                }
            }
            return none;
        }

        public void Add(long time, int value)
        {
            // Values the new one dominates can never be the extreme again: drop them from the back.
            while (_count > 0)
            {
                int back = Index(_count - 1);
                if (highest ? _values[back] > value : _values[back] < value)
                {
                    break;
                }
                _count--;
            }
            if (_count == _times.Length)
            {
                _head = Next(_head);
                _count--;
            }
            int slot = Index(_count);
            _times[slot] = time;
            _values[slot] = value;
            _count++;
        }

        private int Index(int offset)
        {
            int i = _head + offset;
            return i >= _times.Length ? i - _times.Length : i;
        }

        private int Next(int i) => i + 1 == _times.Length ? 0 : i + 1;
    }

    /// <summary>Replica changes in one direction with their times, oldest first, kept only as long as a policy period can reach.</summary>
    private sealed class ScaleEvents(int capacity)
    {
        private readonly long[] _times = new long[capacity];
        private readonly int[] _changes = new int[capacity];
        private int _head, _count;

        public void Clear() => _count = 0;

        public void Add(long time, int change, long forgetAtOrBefore)
        {
            while (_count > 0 && (_times[_head] <= forgetAtOrBefore || _count == _times.Length))
            {
                _head = _head + 1 == _times.Length ? 0 : _head + 1;
                _count--;
            }
            int slot = (_head + _count) % _times.Length;
            _times[slot] = time;
            _changes[slot] = change;
            _count++;
        }

        /// <summary>Replicas changed by events strictly after <paramref name="cutoff"/> (HPA's getReplicasChangePerPeriod).</summary>
        public long SumAfter(long cutoff)
        {
            long sum = 0;
            for (int i = 0; i < _count; i++)
            {
                int slot = (_head + i) % _times.Length;
                if (_times[slot] > cutoff)
                {
                    sum += _changes[slot];
                }
            }
            return sum;
        }
    }
}
