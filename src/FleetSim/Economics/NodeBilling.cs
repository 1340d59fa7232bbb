using FleetSim.Fleet;
using FleetSim.Scenario;

namespace FleetSim.Economics;

/// <summary>
/// What a cloud charges for node leases: each lease's time rounded up to the billing unit, with the
/// minimum charge, at the price of its kind (reserved, on-demand or spot).
/// </summary>
public sealed class NodeBilling(PricingSpec pricing, ReplicaSpec replica)
{
    public double UsdPerNodeHour(NodeKind kind) => replica.GpusPerNode * kind switch
    {
        NodeKind.Reserved => pricing.ReservedUsdPerGpuHour ?? replica.GpuPrice.Value,
        NodeKind.Spot => pricing.Spot?.UsdPerGpuHour ?? replica.GpuPrice.Value,
        _ => replica.GpuPrice.Value,
    };

    /// <summary>Minutes billed for a lease of <paramref name="minutes"/>.</summary>
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

    public double Cost(NodeLease lease, double horizonEnd)
    {
        double minutes = lease.Kind == NodeKind.Reserved ? horizonEnd : BilledMinutes(lease.Minutes(horizonEnd));
        return UsdPerNodeHour(lease.Kind) * minutes / 60.0;
    }
}
