namespace FleetSim.Pricing;

/// <summary>How a node is paid for.</summary>
public enum NodeKind
{
    /// <summary>Committed for the whole horizon at the reserved price; always serving.</summary>
    Reserved,

    /// <summary>Rented on demand.</summary>
    OnDemand,

    /// <summary>Bought on the spot market: cheaper, and preempted.</summary>
    Spot,
}
