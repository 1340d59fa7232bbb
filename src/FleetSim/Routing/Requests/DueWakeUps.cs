using System.Numerics;

namespace FleetSim.Routing.Requests;

/// <summary>
/// Replicas to be asked again at given times (seconds), handed back once their time has come but
/// in no particular order among those due: what least-busy needs, since a woken replica is asked
/// about (or counted at) the pick's moment whatever its own wake-up time was. A radix heap (Ahuja,
/// Mehlhorn, Orlin and Tarjan, "Faster algorithms for the shortest path problem", J. ACM 37, 1990)
/// on the times' bit patterns, with 8-bit digits: O(1) to add, and each wake-up is moved at most
/// 8 times (about twice in the scale benchmark) on its way to being due, with no comparison of one
/// wake-up against another.
/// </summary>
/// <remarks>
/// <para>
/// Times are mapped to 64-bit keys in the same order (<see cref="Key"/>). The queue remembers the
/// last moment it was asked about, <c>last</c>; a waiting wake-up whose key first differs from
/// <c>last</c>'s in digit p (of 8, 8 bits each), where its digit is v, sits in bucket 256·p + v,
/// so every wake-up in a lower bucket is earlier than every one in a higher bucket. When asked
/// about a later moment <c>now</c>, which falls in bucket s relative to <c>last</c>, the buckets
/// below s are all due (they agree with <c>last</c> above their digit and are below <c>now</c>
/// there), those above s are all still to come and stay where they are (they first differ from
/// <c>now</c> where they did from <c>last</c>, with the same digit), and bucket s is split: each
/// of its wake-ups is due or goes to a lower bucket relative to <c>now</c>.
/// </para>
/// <para>
/// Buckets are chains of 8-entry chunks from one pool, and a chunk emptied is reused first, so the
/// memory in use follows the wake-ups waiting and stays warm in the cache. It does what
/// <see cref="WakeUps"/> does for <see cref="EligibleReplicas{TState}"/> when the order among due
/// wake-ups does not matter; <see cref="WakeUps"/>'s heap sifts each one through O(log w) levels
/// with an unpredictable branch at each, which was a third of a 10,000-replica least-busy run.
/// </para>
/// </remarks>
public sealed class DueWakeUps
{
    private const int DigitBits = 8;
    private const int Buckets = 64 / DigitBits << DigitBits;
    private const int ChunkSize = 8;

    private readonly Chain[] _buckets = new Chain[Buckets];
    private readonly ulong[] _occupied = new ulong[Buckets / 64]; // bit b set when bucket b holds a wake-up
    private ulong _summary; // bit w set when _occupied[w] is not 0
    private Entry[] _pool = new Entry[64 * ChunkSize];
    private int[] _nextChunk = new int[64];
    private int _chunks;
    private int _freeChunk = -1;
    private int[] _due = new int[16];
    private int _dueCount;
    private ulong _last;
    private int _count;

    public DueWakeUps() => _buckets.AsSpan().Fill(new Chain { Head = -1 });

    /// <summary>How many wake-ups are waiting, due or not.</summary>
    public int Count => _count;

    /// <summary>Wake replica <paramref name="replica"/> at <paramref name="at"/> (seconds, not NaN).</summary>
    public void Add(int replica, double at)
    {
        ulong key = Key(at);
        _count++;
        if (key <= _last)
        {
            AppendDue(replica); // due at the next moment asked about, which is no earlier than last
            return;
        }
        Append(BucketOf(key, _last), key, replica);
    }

    /// <summary>
    /// A wake-up due at or before <paramref name="now"/>, taken off, if any; otherwise false. The
    /// moments asked about never go back: an earlier <paramref name="now"/> than before is taken as
    /// the latest one asked about.
    /// </summary>
    public bool TryTakeDue(double now, out int replica)
    {
        ulong key = Key(now);
        if (key > _last)
        {
            Advance(key);
        }
        if (_dueCount == 0)
        {
            replica = -1;
            return false;
        }
        _count--;
        replica = _due[--_dueCount];
        return true;
    }

    /// <summary>
    /// The time's bits as an unsigned key in the same order: a non-negative double's bits already
    /// are, with the sign bit set; a negative one's are flipped.
    /// </summary>
    public static ulong Key(double time)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(time);
        ulong flip = (ulong)((long)bits >> 63) | 0x8000_0000_0000_0000UL;
        return bits ^ flip;
    }

    /// <summary>
    /// The bucket of <paramref name="key"/> &gt; <paramref name="last"/>: 256 × the highest digit
    /// in which they differ + <paramref name="key"/>'s value there.
    /// </summary>
    private static int BucketOf(ulong key, ulong last)
    {
        int digit = (63 - BitOperations.LeadingZeroCount(key ^ last)) / DigitBits;
        int value = (int)(key >> (digit * DigitBits)) & ((1 << DigitBits) - 1);
        return (digit << DigitBits) | value;
    }

    private void Advance(ulong now)
    {
        int split = BucketOf(now, _last);
        _last = now;
        int top = split >> 6;
        ulong words = _summary & ((2UL << top) - 1);
        while (words != 0)
        {
            int w = BitOperations.TrailingZeroCount(words);
            words &= words - 1;
            ulong below = w < top ? _occupied[w] : _occupied[w] & ((1UL << (split & 63)) - 1);
            _occupied[w] &= ~below;
            if (_occupied[w] == 0)
            {
                _summary &= ~(1UL << w);
            }
            while (below != 0)
            {
                int b = (w << 6) + BitOperations.TrailingZeroCount(below);
                below &= below - 1;
                Chain chain = Detach(b);
                for (int c = chain.Head; c >= 0;)
                {
                    int n = c == chain.Tail ? chain.TailFill : ChunkSize;
                    EnsureDue(n);
                    Entry[] pool = _pool;
                    int[] due = _due;
                    int at = _dueCount;
                    for (int i = 0; i < n; i++)
                    {
                        due[at + i] = pool[c * ChunkSize + i].Replica;
                    }
                    _dueCount = at + n;
                    c = Release(c);
                }
            }
        }
        ulong bit = 1UL << (split & 63);
        if ((_occupied[split >> 6] & bit) == 0)
        {
            return;
        }
        _occupied[split >> 6] &= ~bit;
        if (_occupied[split >> 6] == 0)
        {
            _summary &= ~(1UL << (split >> 6));
        }
        Chain splitting = Detach(split);
        for (int c = splitting.Head; c >= 0;)
        {
            int n = c == splitting.Tail ? splitting.TailFill : ChunkSize;
            for (int i = 0; i < n; i++)
            {
                // Read afresh each time: an append may grow the pool (never into this chunk, not yet released).
                Entry e = _pool[c * ChunkSize + i];
                if (e.Key <= now)
                {
                    AppendDue(e.Replica);
                }
                else
                {
                    Append(BucketOf(e.Key, now), e.Key, e.Replica); // a lower bucket: it agrees with now down to split's digit
                }
            }
            c = Release(c);
        }
    }

    /// <summary>Bucket <paramref name="bucket"/>'s chain, the bucket left empty (its occupied bit is the caller's).</summary>
    private Chain Detach(int bucket)
    {
        Chain chain = _buckets[bucket];
        _buckets[bucket].Head = -1;
        return chain;
    }

    /// <summary>Puts chunk <paramref name="chunk"/> on the free list; returns the chunk that followed it.</summary>
    private int Release(int chunk)
    {
        int next = _nextChunk[chunk];
        _nextChunk[chunk] = _freeChunk;
        _freeChunk = chunk;
        return next;
    }

    private int TakeChunk()
    {
        int chunk = _freeChunk;
        if (chunk >= 0)
        {
            _freeChunk = _nextChunk[chunk];
        }
        else
        {
            chunk = _chunks++;
            if (chunk == _nextChunk.Length)
            {
                Array.Resize(ref _nextChunk, 2 * chunk);
                Array.Resize(ref _pool, 2 * chunk * ChunkSize);
            }
        }
        _nextChunk[chunk] = -1;
        return chunk;
    }

    private void Append(int bucket, ulong key, int replica)
    {
        ref Chain b = ref _buckets[bucket];
        if (b.Head < 0)
        {
            int chunk = TakeChunk();
            b.Head = b.Tail = chunk;
            b.TailFill = 0;
            _occupied[bucket >> 6] |= 1UL << (bucket & 63);
            _summary |= 1UL << (bucket >> 6);
        }
        else if (b.TailFill == ChunkSize)
        {
            int chunk = TakeChunk();
            _nextChunk[b.Tail] = chunk;
            b.Tail = chunk;
            b.TailFill = 0;
        }
        _pool[b.Tail * ChunkSize + b.TailFill++] = new Entry(key, replica);
    }

    private void AppendDue(int replica)
    {
        EnsureDue(1);
        _due[_dueCount++] = replica;
    }

    private void EnsureDue(int more)
    {
        if (_dueCount + more > _due.Length)
        {
            Array.Resize(ref _due, Math.Max(2 * _due.Length, _dueCount + more));
        }
    }

    private readonly record struct Entry(ulong Key, int Replica);

    /// <summary>A bucket: its first and last chunk (−1 when empty) and how full the last is.</summary>
    private struct Chain
    {
        public int Head;
        public int Tail;
        public int TailFill;
    }
}
