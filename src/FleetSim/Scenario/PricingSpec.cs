namespace FleetSim.Scenario;

/// <summary>How a cloud bills the nodes of a changing fleet.</summary>
/// <param name="Billing">The unit a node's time is rounded up to.</param>
/// <param name="MinimumChargeMinutes">Every node lease is billed at least this long.</param>
/// <param name="ReservedNodes">Nodes committed for the whole horizon at the reserved price; they serve all the time.</param>
/// <param name="ReservedUsdPerGpuHour">The reserved price; null: the replica's on-demand price.</param>
/// <param name="Spot">Burst nodes as spot capacity, when given.</param>
public sealed record PricingSpec(
    BillingUnit Billing,
    double MinimumChargeMinutes,
    int ReservedNodes,
    double? ReservedUsdPerGpuHour,
    SpotSpec? Spot)
{
    /// <summary>
    /// True when the base fleet (the scenario's fixed replicas and every policy's starting fleet) is
    /// bought on the spot market, with its preemptions, rather than on demand
    /// (<c>pricing.base_fleet: spot</c>; needs <c>pricing.spot</c>).
    /// </summary>
    public bool SpotBaseFleet { get; init; }

    /// <summary>Per-second billing with a one-minute minimum, as the large clouds bill GPU instances.</summary>
    public static PricingSpec Default { get; } = new(BillingUnit.Second, 1, 0, null, null);
}

public enum BillingUnit
{
    Second,
    Minute,
    Hour,
}

/// <summary>Spot burst nodes: cheaper, and preempted at a rate per node-hour.</summary>
public sealed record SpotSpec(double UsdPerGpuHour, double PreemptionsPerNodeHour);
