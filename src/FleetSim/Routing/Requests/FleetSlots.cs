using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace FleetSim.Routing.Requests;

/// <summary>
/// Every replica's slots in one table: the times at which each of a replica's c servers comes free
/// (seconds; −∞ for one never used), replica r's in entries r·c … r·c + c − 1 of one flat array,
/// and each replica's earliest, so a router reads a replica's standing from two arrays rather than
/// from an object and an array of its own per replica. Each replica is a FIFO server pool by the
/// Kiefer–Wolfowitz recursion, as <see cref="ServerBank"/> describes, and a replica's
/// <see cref="ServerBank"/> (<see cref="Pool"/>) is a view of its row.
/// </summary>
/// <remarks>
/// At 10,000 replicas a request reached its replica's pool through the array of pools, the pool
/// object and its array, three dependent loads seldom in the cache (a fifth of a least-busy run);
/// here the replica's index gives its earliest free time and its free times directly, and with 8
/// slots the free times are one or two adjacent cache lines. Which server a request takes is found
/// again at each hold (the first server holding the earliest time) rather than kept, which is the
/// same server a kept index would name since the times change only at holds.
/// Pools of more than <see cref="ServerBank.FlatLimit"/> servers are heaps of their own, as in
/// <see cref="ServerBank"/>, reached through the table, which keeps each one's next free time.
/// </remarks>
public sealed class FleetSlots
{
    private readonly double[] _free;
    private readonly double[] _next;
    private readonly bool _vector;
    private readonly ServerBank[]? _heaps; // pools of more than ServerBank.FlatLimit servers: each its own heap, its next free time in _next

    /// <param name="replicas">n ≥ 0 replicas.</param>
    /// <param name="servers">c ≥ 1 servers each (or <see cref="ServerBank.Unlimited"/>); beyond
    /// <see cref="ServerBank.FlatLimit"/> each replica's pool is a heap of its own (<see cref="ServerBank"/>).</param>
    public FleetSlots(int replicas, int servers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        Replicas = replicas;
        Servers = servers;
        if (servers > ServerBank.FlatLimit)
        {
            _heaps = [.. Enumerable.Range(0, replicas).Select(_ => new ServerBank(servers))];
            _free = [];
            _next = new double[replicas];
            Array.Fill(_next, double.NegativeInfinity);
            return;
        }
        _free = new double[checked(replicas * servers)];
        _next = new double[replicas];
        Array.Fill(_free, double.NegativeInfinity);
        Array.Fill(_next, double.NegativeInfinity);
        _vector = Vector256.IsHardwareAccelerated && (servers & 3) == 0;
    }

    /// <summary>Replica <paramref name="replica"/>'s pool as a <see cref="ServerBank"/>: a view of its row here, or its own heap.</summary>
    public ServerBank Pool(int replica) => new(this, replica);

    /// <summary>n, the replicas.</summary>
    public int Replicas { get; }

    /// <summary>c, the servers (slots) of each replica.</summary>
    public int Servers { get; }

    /// <summary>
    /// From when a request joining replica <paramref name="replica"/> would start at once (seconds;
    /// −∞ while a server is idle): its earliest free time.
    /// </summary>
    public double NextFree(int replica) => _heaps is { } heaps ? heaps[replica].NextFree : _next[replica];

    /// <summary>Whether a request joining replica <paramref name="replica"/> at <paramref name="now"/> would start at once.</summary>
    /// <remarks>A heap pool's next free time is kept here after each hold: it has a free server at t exactly when that time is not after t.</remarks>
    public bool HasFree(int replica, double now) => _next[replica] <= now;

    /// <summary>When a request joining replica <paramref name="replica"/> at <paramref name="now"/> starts (≥ now).</summary>
    public double StartOf(int replica, double now) => _heaps is { } heaps ? heaps[replica].StartOf(now) : Math.Max(now, _next[replica]);

    /// <summary>Servers of replica <paramref name="replica"/> busy at <paramref name="now"/>.</summary>
    public int Busy(int replica, double now) => _heaps is { } heaps ? heaps[replica].Busy(now) : _next[replica] > now ? Servers : BusyAt(replica, now);

    /// <summary>Servers of replica <paramref name="replica"/> whose free time is after <paramref name="later"/>.</summary>
    public int BusyAt(int replica, double later)
    {
        if (_heaps is { } heaps)
        {
            return heaps[replica].BusyAt(later);
        }
        ReadOnlySpan<double> free = _free.AsSpan(replica * Servers, Servers);
        int i = 0, busy = 0;
        if (_vector)
        {
            var at = Vector256.Create(later);
            Vector256<long> above = Vector256<long>.Zero;
            for (; i < free.Length; i += 4)
            {
                above += Vector256.GreaterThan(Vector256.Create(free[i..]), at).AsInt64();
            }
            return (int)-Vector256.Sum(above);
        }
        for (; i < free.Length; i++)
        {
            busy += free[i] > later ? 1 : 0;
        }
        return busy;
    }

    /// <summary>
    /// Gives the server of replica <paramref name="replica"/> that comes free first (the first such
    /// server on a tie) a request that joined at <paramref name="now"/>, busy until <paramref name="until"/>.
    /// </summary>
    public void Hold(int replica, double now, double until)
    {
        if (_heaps is { } heaps)
        {
            heaps[replica].Hold(now, until);
            _next[replica] = heaps[replica].NextFree;
            return;
        }
        HoldCounting(replica, now, until, double.PositiveInfinity);
    }

    /// <summary>
    /// <see cref="Hold"/>, and the requests in service on the replica at <paramref name="start"/>
    /// (the request's start, at or after the server it takes comes free), itself included: the
    /// servers busy at <paramref name="start"/> before the hold, plus one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int HoldCounting(int replica, double now, double until, double start)
    {
        if (_heaps is { } heaps)
        {
            int inFlight = heaps[replica].HoldCounting(now, until, start);
            _next[replica] = heaps[replica].NextFree;
            return inFlight;
        }
        int c = Servers;
        Span<double> free = _free.AsSpan(replica * c, c);
        double earliest = _next[replica];
        if (_vector)
        {
            // One pass to find the server to take (the first holding the earliest time), one to take
            // it, find the new earliest and count the busy: the replica's free times stay in registers
            // or in the cache line just read.
            // Every row's lanes are compared, with no branch on where the earliest is (which half of
            // 8 slots holds it is a coin toss to the branch predictor).
            var target = Vector256.Create(earliest);
            ulong hits = 0;
            for (int i = 0; i < c; i += 4)
            {
                hits |= (ulong)Vector256.Equals(Vector256.Create((ReadOnlySpan<double>)free[i..]), target).ExtractMostSignificantBits() << i;
            }
            free[BitOperations.TrailingZeroCount(hits)] = until;
            var at = Vector256.Create(start);
            var min = Vector256.Create((ReadOnlySpan<double>)free);
            Vector256<long> above = Vector256.GreaterThan(min, at).AsInt64();
            for (int i = 4; i < c; i += 4)
            {
                var f = Vector256.Create((ReadOnlySpan<double>)free[i..]);
                // The processor's own minimum: free times are never NaN, and which of two zeros it
                // keeps does not matter to a comparison (Vector256.Min's IEEE rules cost three instructions).
                min = Vector256.MinNative(min, f);
                above += Vector256.GreaterThan(f, at).AsInt64();
            }
            Vector128<double> half = Vector128.MinNative(min.GetLower(), min.GetUpper());
            _next[replica] = Vector128.MinNative(half, Vector128.Shuffle(half, Vector128.Create(1L, 0))).ToScalar();
            // Each lane counted -1 per busy server; the new hold is counted whether or not it ends after start.
            return (int)-Vector256.Sum(above) - (until > start ? 1 : 0) + 1;
        }
        int busy = 0;
        int at0 = -1;
        for (int i = 0; i < c; i++)
        {
            // Written as selects, so the compiler emits conditional moves.
            double f = free[i];
            busy += f > start ? 1 : 0;
            at0 = at0 < 0 && f == earliest ? i : at0;
        }
        free[at0] = until;
        double least = free[0];
        for (int i = 1; i < c; i++)
        {
            double f = free[i];
            least = f < least ? f : least;
        }
        _next[replica] = least;
        return busy + 1;
    }
}
