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
    private double[] _times = new double[16];
    private int[] _replicas = new int[16];
    private int _count;

    /// <summary>How many wake-ups are waiting.</summary>
    public int Count => _count;

    /// <summary>Wake replica <paramref name="replica"/> at <paramref name="at"/> (seconds).</summary>
    public void Add(int replica, double at)
    {
        if (_count == _times.Length)
        {
            Array.Resize(ref _times, 2 * _count);
            Array.Resize(ref _replicas, 2 * _count);
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
        if (last > 0)
        {
            SiftDown(_times[last], _replicas[last], last);
        }
        return true;
    }

    /// <summary>Places (<paramref name="time"/>, <paramref name="replica"/>) from the root down, in a heap of <paramref name="count"/>.</summary>
    private void SiftDown(double time, int replica, int count)
    {
        double[] times = _times;
        int[] replicas = _replicas;
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= count)
            {
                break;
            }
            if (child + 1 < count && times[child + 1] < times[child])
            {
                child++;
            }
            if (times[child] >= time)
            {
                break;
            }
            times[i] = times[child];
            replicas[i] = replicas[child];
            i = child;
        }
        times[i] = time;
        replicas[i] = replica;
    }
}
