using System.Collections;
using System.Runtime.CompilerServices;
using FleetSim.Pricing;

namespace FleetSim.Fleet;

/// <summary>
/// Every lease a <see cref="NodePool"/> held, by number in the order asked for, kept as values in blocks of
/// 8,192 rather than as one object each: a reactive month at 10,000 replicas asks for some 1.5 million nodes,
/// and as objects they lived through every collection of the run. Read as a list, each lease comes out as a
/// fresh <see cref="NodeLease"/> with the values it has now (the same values, a new object on every read).
/// </summary>
internal sealed class LeaseBook : IReadOnlyList<NodeLease>
{
    private const int BlockBits = 13;
    private const int BlockSize = 1 << BlockBits;
    private Entry[][] _blocks = new Entry[4][];
    private int _count;

    /// <summary>One lease: <see cref="NodeLease"/>'s fields, with NaN for a lease still open.</summary>
    private struct Entry
    {
        public double Requested, Ready, Ended;
        public NodeKind Kind;
        public bool Draining, Preempted;
    }

    /// <summary>Leases held so far.</summary>
    public int Count => _count;

    /// <summary>A new lease of <paramref name="kind"/> asked for at <paramref name="requested"/> and ready at <paramref name="ready"/> (minutes); returns its number.</summary>
    public int Add(NodeKind kind, double requested, double ready)
    {
        int block = _count >> BlockBits;
        if (block == _blocks.Length)
        {
            Array.Resize(ref _blocks, _blocks.Length * 2);
        }
        _blocks[block] ??= new Entry[BlockSize];
        _blocks[block][_count & (BlockSize - 1)] = new Entry { Kind = kind, Requested = requested, Ready = ready, Ended = double.NaN };
        return _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Entry At(int lease) => ref _blocks[lease >> BlockBits][lease & (BlockSize - 1)];

    /// <summary>The kind of node lease number <paramref name="lease"/> rents.</summary>
    public NodeKind Kind(int lease) => At(lease).Kind;

    /// <summary>The minute lease number <paramref name="lease"/>'s replicas start serving.</summary>
    public double Ready(int lease) => At(lease).Ready;

    /// <summary>As <see cref="NodeLease.Drain"/>.</summary>
    public void Drain(int lease) => At(lease).Draining = true;

    /// <summary>As <see cref="NodeLease.Reclaim"/>.</summary>
    public void Reclaim(int lease) => At(lease).Draining = false;

    /// <summary>As <see cref="NodeLease.End"/>: billing ends at <paramref name="minute"/> unless it ended before.</summary>
    public void End(int lease, double minute, bool preempted = false)
    {
        ref Entry entry = ref At(lease);
        if (double.IsNaN(entry.Ended))
        {
            entry.Ended = minute;
        }
        entry.Preempted |= preempted;
    }

    /// <summary>Lease number <paramref name="index"/> as it is now, as a new object.</summary>
    public NodeLease this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            ref Entry entry = ref At(index);
            return new NodeLease(entry.Kind, entry.Requested, entry.Ready, double.IsNaN(entry.Ended) ? null : entry.Ended, entry.Draining, entry.Preempted);
        }
    }

    public IEnumerator<NodeLease> GetEnumerator()
    {
        for (int i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
