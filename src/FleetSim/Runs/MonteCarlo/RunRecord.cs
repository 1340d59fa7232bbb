using FleetSim.Economics;
using FleetSim.Units;

namespace FleetSim.Runs.MonteCarlo;

/// <summary>
/// One Monte Carlo month of one policy at one grid point: a row of runs.csv. Dollars are rounded to
/// cents, shares to 6 decimals and token counts to 12 significant digits when the record is made
/// (<see cref="Rounding"/>), so runs.csv holds no floating-point leftovers and `merge`, which reads
/// it back, summarizes the very numbers the sweep did.
/// </summary>
/// <param name="SavingsFraction">Savings as a share of the all-API bill; null for a month with no
/// API bill (no demand), where a share of nothing is undefined (<see cref="Bill.SavingsShare"/>).</param>
/// <param name="BatchApiTokens">With traffic classes: deferrable tokens sent to the API's batch tier (their deadline reached, or held at the
/// horizon's end); 0 without classes. Part of what <paramref name="ApiUsd"/> pays for.</param>
/// <param name="BatchApiUsd">What the batch tier charged for them, in whole cents; 0 without classes. Included in <paramref name="ApiUsd"/>.</param>
public sealed record RunRecord(
    long Item,
    int GridIndex,
    string Grid,
    string Policy,
    int Run,
    int Seed,
    double DemandTokens,
    double AllApiUsd,
    double SelfHostUsd,
    double ApiUsd,
    double TotalUsd,
    double SavingsUsd,
    double? SavingsFraction,
    double SpillShare,
    double Utilization,
    double BatchApiTokens = 0,
    double BatchApiUsd = 0)
{
    /// <summary>The record of one month's <paramref name="bill"/>, rounded as runs.csv keeps it.</summary>
    /// <remarks>The total is the rounded self-host and API dollars added, and the savings the rounded
    /// all-API bill less that total, so the row adds up to the cent as the bill does.</remarks>
    public static RunRecord Of(long item, int gridIndex, string grid, string policy, int run, int seed, Bill bill)
    {
        double allApi = Rounding.Cents(bill.AllApi.Value);
        double selfHost = Rounding.Cents(bill.SelfHost.Value);
        double api = Rounding.Cents((bill.Spill + bill.Unserved).Value);
        double total = Rounding.Cents(selfHost + api);
        return new(item, gridIndex, grid, policy, run, seed, Rounding.Significant(bill.Demand.Value), allApi, selfHost, api, total,
                   Rounding.Cents(allApi - total), bill.SavingsShare is { } share ? Rounding.Share(share) : null,
                   Rounding.Share(bill.SpillShare), Rounding.Share(bill.Utilization),
                   Rounding.Significant(bill.BatchApiTokens.Value), Rounding.Cents(bill.BatchApi.Value));
    }
}
