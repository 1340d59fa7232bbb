using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Economics;

/// <summary>
/// The horizon's bill: the all-API baseline beside self-hosting with API spillover, in the seed's terms.
/// </summary>
public sealed record Bill(
    string Scenario,
    RouterMode Router,
    Hours Horizon,
    FleetShape Fleet,
    Tokens Demand,
    Tokens SelfHosted,
    Tokens Spilled,
    UsdPerMillionTokens ApiPrice,
    UsdPerMillionTokens SelfHostPriceAtFullUse,
    double Utilization,
    double TroughUtilization)
{
    /// <summary>Tokens nobody served: the API was over its rate limit or down (request engine).</summary>
    public Tokens Dropped { get; init; }

    /// <summary>Every token at the API's price.</summary>
    public Usd AllApi => Demand * ApiPrice;

    /// <summary>Every GPU of every rented node, for the whole horizon.</summary>
    public Usd SelfHost => Fleet.Replica.GpuPrice.For(Fleet.BilledGpus, Horizon);

    /// <summary>What the API charges for the tokens the fleet did not serve.</summary>
    public Usd Spill => Spilled * ApiPrice;

    public Usd Total => SelfHost + Spill;

    public Usd Savings => AllApi - Total;

    public double SavingsFraction => AllApi.Value > 0 ? Savings / AllApi : 0;

    public double SpillShare => Demand.Value > 0 ? Spilled / Demand : 0;

    public double DropShare => Demand.Value > 0 ? Dropped / Demand : 0;

    /// <summary>
    /// The busy share above which a replica is cheaper than the API for the same tokens:
    /// self-host $/M at full use ÷ API $/M.
    /// </summary>
    public double BreakEvenUtilization => SelfHostPriceAtFullUse.Value / ApiPrice.Value;

    /// <summary>
    /// The most any fleet policy could save at these prices: every token served at the self-host
    /// rate at full use. Negative when self-hosting costs more than the API even fully busy.
    /// </summary>
    public double SavingsCeilingFraction => 1 - BreakEvenUtilization;
}
