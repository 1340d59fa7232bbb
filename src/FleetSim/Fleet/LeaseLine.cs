namespace FleetSim.Fleet;

/// <summary>
/// Leases kept in the order of a minute (when each becomes ready, or when it became empty), taken from
/// either end. A lease joins after every lease whose minute is not later than its own, so equal minutes
/// keep the order they joined in. Taking the first or the last costs the same however many wait, where a
/// list shifts every lease behind the first. (<see cref="NodePool"/> keeps its lines by lease number in
/// a <see cref="MinuteLine{T}"/> of the same rules.)
/// </summary>
public sealed class LeaseLine
{
    private readonly MinuteLine<NodeLease> _line = new();

    /// <summary>Leases waiting.</summary>
    public int Count => _line.Count;

    /// <summary>The lease with the earliest minute (the first to join among equals). The line must not be empty.</summary>
    public (NodeLease Lease, double Minute) First => _line.First;

    /// <summary>The lease with the latest minute (the last to join among equals). The line must not be empty.</summary>
    public (NodeLease Lease, double Minute) Last => _line.Last;

    /// <summary>The <paramref name="index"/>-th lease in order, from 0.</summary>
    public (NodeLease Lease, double Minute) this[int index] => _line[index];

    /// <summary>Adds <paramref name="lease"/> at <paramref name="minute"/>, after every lease whose minute is not later.</summary>
    public void Add(NodeLease lease, double minute) => _line.Add(lease, minute);

    /// <summary>Takes the first lease off the line.</summary>
    public NodeLease RemoveFirst() => _line.RemoveFirst();

    /// <summary>Takes the last lease off the line.</summary>
    public NodeLease RemoveLast() => _line.RemoveLast();
}
