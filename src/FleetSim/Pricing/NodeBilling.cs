using FleetSim.Scenario;

namespace FleetSim.Pricing;

/// <summary>
/// What a cloud charges for nodes: each lease's time rounded up to the billing unit, with the minimum
/// charge, at the price of its kind (reserved, on-demand or spot). The one place node prices live.
/// </summary>
public sealed class NodeBilling(PricingSpec pricing, ReplicaSpec replica)
{
    /// <summary>$/hour of a whole node of <paramref name="kind"/>: GPUs per node × that kind's $/GPU-hour.</summary>
    public double UsdPerNodeHour(NodeKind kind) => replica.GpusPerNode * UsdPerGpuHour(kind);

    /// <summary>$/GPU-hour of <paramref name="kind"/>; a kind the scenario does not price falls back to the replica's on-demand price.</summary>
    public double UsdPerGpuHour(NodeKind kind) => kind switch
    {
        NodeKind.Reserved => pricing.ReservedUsdPerGpuHour ?? replica.GpuPrice.Value,
        NodeKind.Spot => pricing.Spot?.UsdPerGpuHour ?? replica.GpuPrice.Value,
        _ => replica.GpuPrice.Value,
    };

    /// <summary>How the scenario's fixed (base) fleet is bought beyond its reserved nodes: on demand, or spot when <c>pricing.base_fleet: spot</c>.</summary>
    public NodeKind BaseKind => pricing.SpotBaseFleet && pricing.Spot is not null ? NodeKind.Spot : NodeKind.OnDemand;

    /// <summary>How capacity added by an autoscaler is bought by default: the first of <see cref="BurstOrder"/>.</summary>
    public NodeKind BurstKind => BurstOrder[0];

    /// <summary>
    /// The pools added capacity is bought from, in order of preference (<c>pricing.bursts</c>; by default
    /// spot when the scenario offers it, else on demand). Spot is taken while fewer than
    /// <c>pricing.spot.max_nodes</c> spot nodes are leased (<see cref="SpotCap"/>); on demand has no cap.
    /// </summary>
    public IReadOnlyList<NodeKind> BurstOrder { get; } =
        pricing.Bursts is { Count: > 0 } bursts
            ? [.. bursts.Select(b => b == BurstPool.Spot ? NodeKind.Spot : NodeKind.OnDemand)]
            : [pricing.Spot is null ? NodeKind.OnDemand : NodeKind.Spot];

    /// <summary>The most spot nodes leased at once (<c>pricing.spot.max_nodes</c>); int.MaxValue without a cap.</summary>
    public int SpotCap => pricing.Spot?.MaxNodes ?? int.MaxValue;

    /// <summary>
    /// The lowest $/GPU-hour any node of this scenario can be had at (on demand, reserved when the
    /// scenario commits to reserved nodes, spot when it offers spot). Bounds use it: no fleet pays less.
    /// </summary>
    public double CheapestUsdPerGpuHour
    {
        get
        {
            double cheapest = replica.GpuPrice.Value;
            if (pricing.ReservedNodes > 0)
            {
                cheapest = Math.Min(cheapest, UsdPerGpuHour(NodeKind.Reserved));
            }
            if (pricing.Spot is not null)
            {
                cheapest = Math.Min(cheapest, UsdPerGpuHour(NodeKind.Spot));
            }
            return cheapest;
        }
    }

    /// <summary>Minutes billed for a lease of <paramref name="minutes"/>: rounded up to the billing unit, at least the minimum charge.</summary>
    public double BilledMinutes(double minutes)
    {
        double unit = pricing.Billing switch
        {
            BillingUnit.Second => 1 / 60.0,
            BillingUnit.Minute => 1,
            _ => 60,
        };
        double rounded = Math.Ceiling(minutes / unit - 1e-9) * unit;
        return Math.Max(rounded, pricing.MinimumChargeMinutes);
    }

    /// <summary>
    /// $ for one node of <paramref name="kind"/> leased for <paramref name="minutes"/> of the horizon; a
    /// reserved node is paid for the whole horizon (<paramref name="horizonMinutes"/>) whatever it did.
    /// A lease let go within the horizon is rounded up to the billing unit and the minimum charge; one
    /// still open when the horizon ends (<paramref name="open"/>) runs on past it, so the horizon, a
    /// window of a longer life, bills exactly its minutes in it and the rounding falls at its real end.
    /// A spot lease the cloud interrupted (<paramref name="preempted"/>, its minutes running to the end
    /// of its notice) is billed exactly its minutes, with no rounding up and no minimum charge: AWS
    /// charges "for the seconds used" when EC2 interrupts a Linux or Windows Spot Instance after its
    /// first hour, and for hourly-billed SUSE "no charge for the interrupted partial hour"
    /// (docs.aws.amazon.com/AWSEC2/latest/UserGuide/billing-for-interrupted-spot-instances.html).
    /// AWS's further rule, no charge at all for an instance interrupted within its first hour, and the
    /// free partial hour are not modelled: both make an interruption a discount, and the oracle's bound
    /// (every node-minute at the cheapest price) would no longer hold.
    /// </summary>
    public double Cost(NodeKind kind, double minutes, double horizonMinutes, bool open = false, bool preempted = false)
    {
        double billed = kind == NodeKind.Reserved ? horizonMinutes : open || preempted ? minutes : BilledMinutes(minutes);
        return UsdPerNodeHour(kind) * billed / 60.0;
    }

    /// <summary>
    /// The least <paramref name="nodeMinutes"/> of node time could cost: every minute at the cheapest
    /// price, no rounding and no minimum charge. A bound, not a bill any cloud sends.
    /// </summary>
    public double LowerBound(double nodeMinutes) => nodeMinutes * replica.GpusPerNode * CheapestUsdPerGpuHour / 60.0;
}
