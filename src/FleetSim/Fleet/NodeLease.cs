using FleetSim.Pricing;

namespace FleetSim.Fleet;

/// <summary>
/// One node's rental: billed from the minute it was asked for to the minute it was let go, booting and
/// empty minutes included (<see cref="Pricing.NodeBilling"/> rounds them to the billing unit).
/// </summary>
public sealed class NodeLease(NodeKind kind, double requested, double ready)
{
    public NodeKind Kind { get; } = kind;

    /// <summary>Minute the node was asked for (billing starts).</summary>
    public double Requested { get; } = requested;

    /// <summary>Minute its replicas start serving.</summary>
    public double Ready { get; } = ready;

    /// <summary>Minute billing ended; null while leased.</summary>
    public double? Ended { get; private set; }

    /// <summary>Draining or empty: takes no new requests, serves nothing, and is released once the cluster autoscaler lets it go.</summary>
    public bool Draining { get; private set; }

    public bool Preempted { get; private set; }

    public void Drain() => Draining = true;

    /// <summary>An empty node wanted again before its release: it takes requests once more.</summary>
    public void Reclaim() => Draining = false;

    public void End(double minute, bool preempted = false)
    {
        Ended ??= minute;
        Preempted |= preempted;
    }

    /// <summary>A lease as a <see cref="LeaseBook"/> holds it: its state at the moment it is read.</summary>
    internal NodeLease(NodeKind kind, double requested, double ready, double? ended, bool draining, bool preempted)
        : this(kind, requested, ready)
    {
        Ended = ended;
        Draining = draining;
        Preempted = preempted;
    }

    public double Minutes(double horizonEnd) => (Ended ?? horizonEnd) - Requested;
}
