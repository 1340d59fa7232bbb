using FleetSim.Pricing;

namespace FleetSim.Fleet;

/// <summary>One node's rental: billed from the minute it was asked for to the minute it was let go.</summary>
public sealed class NodeLease(NodeKind kind, double requested, double ready)
{
    public NodeKind Kind { get; } = kind;

    /// <summary>Minute the node was asked for (billing starts).</summary>
    public double Requested { get; } = requested;

    /// <summary>Minute its replicas start serving.</summary>
    public double Ready { get; } = ready;

    /// <summary>Minute billing ended; null while leased.</summary>
    public double? Ended { get; private set; }

    /// <summary>Draining: takes no new requests and is released once empty.</summary>
    public bool Draining { get; private set; }

    public bool Preempted { get; private set; }

    public void Drain() => Draining = true;

    public void End(double minute, bool preempted = false)
    {
        Ended ??= minute;
        Preempted |= preempted;
    }

    public double Minutes(double horizonEnd) => (Ended ?? horizonEnd) - Requested;
}
