using System.Numerics;

namespace FleetSim.Routing.Requests;

/// <summary>
/// Replicas to be asked again at given times (seconds), handed back once their time has come but
/// in no particular order among those due: what least-busy needs, since a replica woken is asked
/// about the pick's moment whatever its own wake-up time was. A radix heap (Ahuja, Mehlhorn, Orlin
/// and Tarjan, "Faster algorithms for the shortest path problem", J. ACM 37, 1990) on the times'
/// bit patterns, which never sorts: O(1) to add, and each wake-up is moved at most 64 times (in
/// practice a few) on its way to being due, with no comparison of one wake-up against another.
/// </summary>
/// <remarks>
/// <para>
/// Times are mapped to 64-bit keys in the same order (<see cref="Key"/>). The queue remembers the
/// last moment it was asked about, <c>last</c>; a waiting wake-up whose key first differs from
/// <c>last</c>'s at bit i − 1 sits in bucket i (1 … 64), so every wake-up in a lower bucket is
/// earlier than every one in a higher bucket. When asked about a later moment <c>now</c> whose key
/// first differs from <c>last</c>'s at bit d − 1, buckets 1 … d − 1 are all due (they agree with
/// <c>last</c> on bit d − 1, where <c>now</c> has a 1), buckets above d are all still to come and
/// stay where they are (they first differ from <c>now</c> where they did from <c>last</c>), and
/// bucket d is split: each of its wake-ups is due or goes to a lower bucket relative to <c>now</c>.
/// </para>
/// <para>
/// It does what <see cref="WakeUps"/> does for <see cref="EligibleReplicas{TState}"/> when the
/// order among due wake-ups does not matter; <see cref="WakeUps"/>'s heap sifts each one through
/// O(log w) levels with an unpredictable branch at each, which was a third of a 10,000-replica
/// least-busy run.
/// </para>
/// </remarks>
public sealed class DueWakeUps
{
    /// <summary>Bits per digit: a key's 64 bits are 16 digits of 16 values each.</summary>
    private const int DigitBits = 8;
    private const int Buckets = 64 / DigitBits << DigitBits;

    private readonly Bucket[] _buckets = new Bucket[Buckets];
    private readonly ulong[] _occupied = new ulong[Buckets / 64]; // bit b set when bucket b holds a wake-up
    private ulong _summary; // bit w set when _occupied[w] is not 0
    private int[] _due = new int[16];
    private int _dueCount;
    private ulong _last;
    private int _count;

    public DueWakeUps()
    {
        for (int b = 0; b < Buckets; b++)
        {
            _buckets[b].Entries = [];
        }
    }

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
    /// The bucket of <paramref name="key"/> &gt; <paramref name="last"/>: 16 × the highest digit at
    /// which they differ + <paramref name="key"/>'s value there. Buckets in this order hold ever
    /// later keys.
    /// </summary>
    private static int BucketOf(ulong key, ulong last)
    {
        int digit = (63 - BitOperations.LeadingZeroCount(key ^ last)) / DigitBits;
        int value = (int)(key >> (digit * DigitBits)) & ((1 << DigitBits) - 1);
        return (digit << DigitBits) | value;
    }

    private void Advance(ulong now)
    {
        // Buckets below now's own: all due. now's: split against now. Above: still to come, and in
        // the same bucket relative to now as to last (they first differ from both at the same digit).
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
                ref Bucket drained = ref _buckets[b];
                int n = drained.Size;
                drained.Size = 0;
                EnsureDue(n);
                Entry[] entries = drained.Entries;
                int[] due = _due;
                int at = _dueCount;
                for (int i = 0; i < n; i++)
                {
                    due[at + i] = entries[i].Replica;
                }
                _dueCount = at + n;
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
        ref Bucket splitting = ref _buckets[split];
        int count = splitting.Size;
        splitting.Size = 0;
        Entry[] waiting = splitting.Entries;
        for (int i = 0; i < count; i++)
        {
            Entry e = waiting[i];
            if (e.Key <= now)
            {
                AppendDue(e.Replica);
            }
            else
            {
                Append(BucketOf(e.Key, now), e.Key, e.Replica); // a lower bucket: key agrees with now down to split's digit
            }
        }
    }

    private void Append(int bucket, ulong key, int replica)
    {
        ref Bucket b = ref _buckets[bucket];
        int n = b.Size;
        if (n == b.Entries.Length)
        {
            Array.Resize(ref b.Entries, Math.Max(4, 2 * n));
        }
        b.Entries[n] = new Entry(key, replica);
        b.Size = n + 1;
        _occupied[bucket >> 6] |= 1UL << (bucket & 63);
        _summary |= 1UL << (bucket >> 6);
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

    private struct Bucket
    {
        public Entry[] Entries;
        public int Size;
    }
}
