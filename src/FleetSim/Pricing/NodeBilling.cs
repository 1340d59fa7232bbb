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

    /// <summary>How capacity added by an autoscaler is bought: spot when the scenario offers it, else on demand.</summary>
    public NodeKind BurstKind => pricing.Spot is null ? NodeKind.OnDemand : NodeKind.Spot;

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
    /// </summary>
    public double Cost(NodeKind kind, double minutes, double horizonMinutes, bool open = false)
    {
        double billed = kind == NodeKind.Reserved ? horizonMinutes : open ? minutes : BilledMinutes(minutes);
        return UsdPerNodeHour(kind) * billed / 60.0;
    }

    /// <summary>
    /// The least <paramref name="nodeMinutes"/> of node time could cost: every minute at the cheapest
    /// price, no rounding and no minimum charge. A bound, not a bill any cloud sends.
    /// </summary>
    public double LowerBound(double nodeMinutes) => nodeMinutes * replica.GpusPerNode * CheapestUsdPerGpuHour / 60.0;
}
