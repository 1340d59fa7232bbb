namespace FleetSim.Routing.Requests;

/// <summary>
/// A pool of identical servers taken first come, first served: a replica's slots, or a LiteLLM
/// deployment's <c>max_parallel_requests</c> semaphore. It keeps only the times at which its busy
/// servers come free, in a min-heap, so a request's start is known the moment it joins the line.
/// </summary>
/// <remarks>
/// This is the Kiefer–Wolfowitz recursion for the FIFO G/G/c queue (Kiefer and Wolfowitz, "On the
/// theory of queues with many servers", Trans. AMS 78, 1955): the k-th arrival starts at
/// max(aₖ, the earliest time a server comes free) and that server is then busy until its departure.
/// Because FIFO starts never decrease, every server that comes free before an arrival is idle from
/// then on, and the busy ones at time t are exactly those whose free time is after t (each is busy
/// without a gap from a time no later than t). Calls must come in non-decreasing time; a request
/// that leaves the line before it starts simply never calls <see cref="Hold"/>.
/// <para>
/// Up to <see cref="FlatLimit"/> servers (a replica's slots) the free times sit in one flat array,
/// idle servers included, with its minimum kept (a row of a <see cref="FleetSlots"/> table, which a
/// run's replicas share): counting the busy ones is one vector compare per
/// 4 servers and nothing is ever popped, which beats a heap's unpredictable branches at these
/// sizes. Larger pools, and an unlimited one (<see cref="Unlimited"/>, which starts every request
/// at once), keep only the busy servers in a min-heap: O(log c) a call.
/// </para>
/// </remarks>
public sealed class ServerBank
{
    /// <summary>Servers in a pool with no limit (LiteLLM with no max_parallel_requests, rpm or tpm).</summary>
    public const int Unlimited = int.MaxValue;

    /// <summary>The largest pool kept as a flat array.</summary>
    public const int FlatLimit = 64;

    private readonly FleetSlots? _table;
    private readonly int _replica;
    private double[] _heap;
    private int _count;

    /// <param name="servers">c ≥ 1, or <see cref="Unlimited"/>.</param>
    public ServerBank(int servers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        Servers = servers;
        if (servers <= FlatLimit)
        {
            _table = new FleetSlots(1, servers);
            _heap = [];
        }
        else
        {
            _heap = new double[16];
        }
    }

    /// <summary>Replica <paramref name="replica"/>'s pool in <paramref name="table"/>: what either changes, the other sees.</summary>
    internal ServerBank(FleetSlots table, int replica)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replica);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(replica, table.Replicas);
        Servers = table.Servers;
        _table = table;
        _replica = replica;
        _heap = [];
    }

    /// <summary>c, the number of servers.</summary>
    public int Servers { get; }

    /// <summary>Servers busy at <paramref name="now"/>: LiteLLM's "in flight" count when this is its semaphore.</summary>
    public int Busy(double now)
    {
        if (_table is { } table)
        {
            return table.Busy(_replica, now);
        }
        Settle(now);
        return _count;
    }

    /// <summary>
    /// Servers that will be busy at <paramref name="later"/>, counted without moving the clock (so
    /// requests joining before then still see the servers that come free in between).
    /// </summary>
    public int BusyAt(double later)
    {
        if (_table is { } table)
        {
            return table.BusyAt(_replica, later);
        }
        int busy = 0;
        for (int i = 0; i < _count; i++)
        {
            busy += _heap[i] > later ? 1 : 0;
        }
        return busy;
    }

    /// <summary>
    /// From when a request joining would start at once, as things stand (seconds; −∞ while a server
    /// is idle): <see cref="HasFree"/>(t) is t ≥ this until the next <see cref="Hold"/>.
    /// </summary>
    public double NextFree => _table is { } table ? table.NextFree(_replica) : _count < Servers ? double.NegativeInfinity : _heap[0];

    /// <summary>Whether a request joining at <paramref name="now"/> would start at once.</summary>
    public bool HasFree(double now) => _table is { } table ? table.HasFree(_replica, now) : Busy(now) < Servers;

    /// <summary>When a request joining the line at <paramref name="now"/> starts (≥ now).</summary>
    public double StartOf(double now)
    {
        if (_table is { } table)
        {
            return table.StartOf(_replica, now);
        }
        Settle(now);
        return _count < Servers ? now : _heap[0];
    }

    /// <summary>
    /// Takes the server a request that joined at <paramref name="now"/> starts on (see
    /// <see cref="StartOf"/>) and keeps it busy until <paramref name="until"/>.
    /// </summary>
    public void Hold(double now, double until)
    {
        if (_table is { } table)
        {
            // The server that comes free first takes it (the first such when several are).
            table.Hold(_replica, now, until);
            return;
        }
        Settle(now);
        if (_count < Servers)
        {
            Push(until);
        }
        else
        {
            _heap[0] = until;
            SiftDown(0);
        }
    }

    /// <summary>
    /// <see cref="Hold"/>(<paramref name="now"/>, <paramref name="until"/>) for a request that
    /// starts at <paramref name="start"/> (its <see cref="StartOf"/>), and the requests in service
    /// at <paramref name="start"/>, itself included: <see cref="BusyAt"/>(start) + 1 as counted
    /// before the hold. A flat pool counts them in the same vector pass that finds its next free
    /// server (the server taken was free at <paramref name="start"/>, so it was not among them).
    /// </summary>
    public int HoldCounting(double now, double until, double start)
    {
        if (_table is { } table)
        {
            return table.HoldCounting(_replica, now, until, start);
        }
        int inFlight = BusyAt(start) + 1;
        Hold(now, until);
        return inFlight;
    }

    /// <summary>Forgets the servers that are free by <paramref name="now"/>.</summary>
    private void Settle(double now)
    {
        while (_count > 0 && _heap[0] <= now)
        {
            _heap[0] = _heap[--_count];
            SiftDown(0);
        }
    }

    private void Push(double until)
    {
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, (int)Math.Min((long)_heap.Length * 2, Servers));
        }
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (_heap[parent] <= until)
            {
                break;
            }
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = until;
    }

    private void SiftDown(int i)
    {
        double item = _heap[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= _count)
            {
                break;
            }
            if (child + 1 < _count && _heap[child + 1] < _heap[child])
            {
                child++;
            }
            if (_heap[child] >= item)
            {
                break;
            }
            _heap[i] = _heap[child];
            i = child;
        }
        _heap[i] = item;
    }
}
