namespace FleetSim.Scenario;

/// <summary>
/// Months ahead (the scenario's <c>outlook:</c> section): the same deployment run month after month while
/// the traffic grows and the prices drift, because a reserved node is a one- or three-year decision and a
/// month's bill does not show whether it pays back. Rates are compound per month: month m (0-based) has
/// traffic × (1 + g)^m, API prices × (1 + a)^m and on-demand and spot GPU prices × (1 + d)^m; a reserved
/// price is locked for its term at the drifted price of the term's first month.
/// </summary>
/// <param name="Months">Months in the outlook, 1 … 60; 1 is the scenario's month alone (no outlook).</param>
/// <param name="TrafficGrowthPerMonth">g: the traffic's compound growth per month (0.05 = 5 %/month; −0.5 … 1).</param>
/// <param name="ApiPriceChangePerMonth">a: the API's compound price change per month (−0.03 = prices fall 3 %/month; −0.5 … 0.5).</param>
/// <param name="GpuPriceChangePerMonth">d: on-demand and spot $/GPU-hour's compound change per month (−0.5 … 0.5).</param>
/// <param name="SetupUsd">A one-time cost of standing up self-hosting (migration, tooling), paid in month 1; what payback repays. Default 0.</param>
public sealed record OutlookSpec(int Months, double TrafficGrowthPerMonth, double ApiPriceChangePerMonth, double GpuPriceChangePerMonth, double SetupUsd)
{
    /// <summary>Most months an outlook runs: five years.</summary>
    public const int MaxMonths = 60;

    /// <summary>The scenario's month alone.</summary>
    public static OutlookSpec None { get; } = new(1, 0, 0, 0, 0);

    /// <summary>True when the outlook runs more than the scenario's month.</summary>
    public bool Runs => Months > 1;
}
