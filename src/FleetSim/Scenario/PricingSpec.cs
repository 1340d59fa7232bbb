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

    /// <summary>
    /// Where capacity an autoscaler adds is bought, in order of preference (<c>pricing.bursts</c>): spot
    /// while fewer than <see cref="SpotSpec.MaxNodes"/> spot nodes are leased, then the next pool. Null:
    /// spot when <c>pricing.spot</c> is given (without a cap, so on demand is never reached), else on
    /// demand, as before pools had an order. An on-demand entry has no cap, so it can only come last.
    /// </summary>
    public IReadOnlyList<BurstPool>? Bursts { get; init; }

    /// <summary>Per-second billing with a one-minute minimum, as the large clouds bill GPU instances.</summary>
    public static PricingSpec Default { get; } = new(BillingUnit.Second, 1, 0, null, null);
}

public enum BillingUnit
{
    Second,
    Minute,
    Hour,
}

/// <summary>A pool an autoscaler's added nodes may be bought from (<c>pricing.bursts</c>).</summary>
public enum BurstPool
{
    Spot,
    OnDemand,
}

/// <summary>What replaces a preempted spot node (<c>pricing.spot.fallback</c>).</summary>
public enum SpotFallback
{
    /// <summary>The replacement is asked for at once, on spot again (the next burst pool once spot is at its cap).</summary>
    Spot,

    /// <summary>The replacement is asked for at once, on demand.</summary>
    OnDemand,

    /// <summary>
    /// No replacement: the lost capacity spills to the API until the policy's answer next changes (a
    /// decision asking for a different count); a fixed fleet never asks again, so it shrinks.
    /// </summary>
    Api,
}

/// <summary>
/// Spot nodes: cheaper, and preempted at a rate per node-hour. Preemptions are a Poisson stream of
/// events; each takes <see cref="CorrelatedShare"/> of the ready spot nodes at once (at least one), so
/// events run at <c>n · PreemptionsPerNodeHour / max(1, ⌈share · n⌉)</c> per hour with <c>n</c> ready spot
/// nodes and a spot node-hour loses <see cref="PreemptionsPerNodeHour"/> nodes in the long run whatever the share.
/// </summary>
/// <param name="UsdPerGpuHour">The spot price, $ per GPU-hour.</param>
/// <param name="PreemptionsPerNodeHour">Nodes lost per ready spot node-hour, in the long run.</param>
public sealed record SpotSpec(double UsdPerGpuHour, double PreemptionsPerNodeHour)
{
    /// <summary>
    /// AWS's notice: "a warning that is issued two minutes before Amazon EC2 stops or terminates your
    /// Spot Instance" (docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html).
    /// Google Compute Engine gives Spot VMs 30 s between ACPI G2 Soft Off and G3 Mechanical Off (the
    /// Compute Engine API reference, <c>Scheduling.skipGuestOsShutdown</c>); Azure announces a Spot
    /// eviction as a <c>Preempt</c> Scheduled Event with a 30 s minimum notice
    /// (learn.microsoft.com/azure/virtual-machines/linux/scheduled-events). Set 30 for those clouds.
    /// </summary>
    public const double AwsNoticeSeconds = 120;

    /// <summary>What replaces a preempted node (<c>pricing.spot.fallback</c>); default <see cref="SpotFallback.Spot"/>, the behaviour before the key existed.</summary>
    public SpotFallback Fallback { get; init; } = SpotFallback.Spot;

    /// <summary>The share of the ready spot nodes one preemption event takes, 0 to 1 (<c>pricing.spot.correlated_share</c>); 0, the default: one node per event.</summary>
    public double CorrelatedShare { get; init; }

    /// <summary>
    /// Seconds a preempted node keeps serving after its interruption notice (<c>pricing.spot.notice_seconds</c>,
    /// default <see cref="AwsNoticeSeconds"/>): its replacement is asked for at the notice's start and its
    /// billing stops at the notice's end.
    /// </summary>
    public double NoticeSeconds { get; init; } = AwsNoticeSeconds;

    /// <summary>The most spot nodes the fleet can lease at once (<c>pricing.spot.max_nodes</c>); beyond it, nodes come from the next burst pool. Null: no cap.</summary>
    public int? MaxNodes { get; init; }

    /// <summary>The notice in minutes, the fleet's clock.</summary>
    public double NoticeMinutes => NoticeSeconds / 60.0;

    /// <summary>Nodes one preemption event takes from <paramref name="readySpotNodes"/> ready spot nodes: ⌈share · n⌉, at least one (none from none).</summary>
    public int BatchSize(int readySpotNodes) =>
        readySpotNodes <= 0 ? 0 : Math.Clamp((int)Math.Ceiling(CorrelatedShare * readySpotNodes - 1e-9), 1, readySpotNodes);
}
