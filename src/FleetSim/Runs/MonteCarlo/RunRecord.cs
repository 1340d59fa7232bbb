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
/// <param name="MaxInFlight">Requests each replica runs at once at this grid point: replica.max_in_flight, or lower where the
/// scenario's slo lowered it (<see cref="Scenario.SloInFlight"/>); null in a runs.csv written before the column.</param>
/// <param name="MaxInFlightConfigured">replica.max_in_flight as the grid point's scenario gives it, before any slo; equal to
/// <paramref name="MaxInFlight"/> unless the slo lowered it; null in a runs.csv written before the column.</param>
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
    double BatchApiUsd = 0,
    int? MaxInFlight = null,
    int? MaxInFlightConfigured = null)
{
    /// <summary>The record of one month's <paramref name="bill"/>, rounded as runs.csv keeps it, on replicas of <paramref name="inFlight"/> requests at once.</summary>
    /// <remarks>The total is the rounded self-host and API dollars added, and the savings the rounded
    /// all-API bill less that total, so the row adds up to the cent as the bill does.</remarks>
    /// <param name="inFlight">The grid point's max in flight as run and as configured (<see cref="InFlightOf"/>).</param>
    public static RunRecord Of(long item, int gridIndex, string grid, string policy, int run, int seed, Bill bill, (int Runs, int Configured) inFlight)
    {
        double allApi = Rounding.Cents(bill.AllApi.Value);
        double selfHost = Rounding.Cents(bill.SelfHost.Value);
        double api = Rounding.Cents((bill.Spill + bill.Unserved).Value);
        double total = Rounding.Cents(selfHost + api);
        return new(item, gridIndex, grid, policy, run, seed, Rounding.Significant(bill.Demand.Value), allApi, selfHost, api, total,
                   Rounding.Cents(allApi - total), bill.SavingsShare is { } share ? Rounding.Share(share) : null,
                   Rounding.Share(bill.SpillShare), Rounding.Share(bill.Utilization),
                   Rounding.Significant(bill.BatchApiTokens.Value), Rounding.Cents(bill.BatchApi.Value), inFlight.Runs, inFlight.Configured);
    }

    /// <summary>
    /// The max in flight <paramref name="scenario"/>'s replicas run with (after its slo, if it lowers it) and
    /// replica.max_in_flight as configured: what run and compare print as slo_max_in_flight's runs and configured.
    /// </summary>
    public static (int Runs, int Configured) InFlightOf(Scenario.ScenarioSpec scenario) =>
        (scenario.Replica.MaxInFlight, scenario.SloInFlight?.Configured ?? scenario.Replica.MaxInFlight);
}
