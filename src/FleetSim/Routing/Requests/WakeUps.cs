namespace FleetSim.Routing.Requests;

/// <summary>
/// Replicas to be asked again at given times (seconds), taken earliest first: a binary min-heap of
/// (time, replica) pairs in two parallel arrays, sifted with a hole rather than swaps. It does
/// what <see cref="PriorityQueue{TElement, TPriority}"/> does for <see cref="EligibleReplicas{TState}"/>,
/// without its comparer and tuple moves, which were a quarter of a 10,000-replica run. O(log w) a
/// call for w waiting.
/// </summary>
public sealed class WakeUps
{
    private double[] _times = NewTimes(16);
    private int[] _replicas = new int[16];
    private int _count; // _times[_count] is always +∞: a right child past the end is never the earlier

    /// <summary>How many wake-ups are waiting.</summary>
    public int Count => _count;

    /// <summary>Wake replica <paramref name="replica"/> at <paramref name="at"/> (seconds).</summary>
    public void Add(int replica, double at)
    {
        if (_count + 1 == _times.Length)
        {
            double[] grown = NewTimes(2 * _times.Length);
            Array.Copy(_times, grown, _count);
            _times = grown;
            Array.Resize(ref _replicas, 2 * _replicas.Length);
        }
        double[] times = _times;
        int[] replicas = _replicas;
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (times[parent] <= at)
            {
                break;
            }
            times[i] = times[parent];
            replicas[i] = replicas[parent];
            i = parent;
        }
        times[i] = at;
        replicas[i] = replica;
        times[_count] = double.PositiveInfinity;
    }

    /// <summary>The earliest wake-up if it is due at or before <paramref name="now"/>, taken off; otherwise false.</summary>
    public bool TryTakeDue(double now, out int replica)
    {
        if (_count == 0 || _times[0] > now)
        {
            replica = -1;
            return false;
        }
        replica = _replicas[0];
        int last = --_count;
        double time = _times[last];
        _times[last] = double.PositiveInfinity; // the slot past the end, before the walk reads it
        if (last > 0)
        {
            SiftDown(time, _replicas[last], last);
        }
        return true;
    }

    /// <summary>Places (<paramref name="time"/>, <paramref name="replica"/>) from the root down, in a heap of <paramref name="count"/>.</summary>
    /// <remarks>
    /// Which child is the smaller is a coin toss to the branch predictor, so it is chosen by adding
    /// 0 or 1 (the right child when it is strictly earlier; past the end it is the +∞ kept there),
    /// the same child a branch would take; only the end of the walk is a branch.
    /// </remarks>
    private void SiftDown(double time, int replica, int count)
    {
        double[] times = _times;
        int[] replicas = _replicas;
        int i = 0;
        int child = 1;
        while (child < count)
        {
            child += times[child + 1] < times[child] ? 1 : 0;
            double earliest = times[child];
            if (earliest >= time)
            {
                break;
            }
            times[i] = earliest;
            replicas[i] = replicas[child];
            i = child;
            child = 2 * i + 1;
        }
        times[i] = time;
        replicas[i] = replica;
    }

    private static double[] NewTimes(int length)
    {
        var times = new double[length];
        Array.Fill(times, double.PositiveInfinity);
        return times;
    }
}
