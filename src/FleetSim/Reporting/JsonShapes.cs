using FleetSim.Runs.MonteCarlo;

namespace FleetSim.Reporting;

/// <summary>One policy at one grid point in a sweep's JSON (<c>sweep --json</c>, <c>merge --json</c>): its Monte Carlo statistics.</summary>
/// <param name="MaxInFlight">Requests each replica runs at once at this grid point, after the scenario's slo (null from a runs.csv without the column).</param>
/// <param name="MaxInFlightConfigured">replica.max_in_flight as configured; above <paramref name="MaxInFlight"/> where the slo lowered it.</param>
public sealed record SweepGroupJson(int GridIndex, string Grid, string Policy, int Runs, int? MaxInFlight, int? MaxInFlightConfigured,
                                   MetricStats TotalUsd, MetricStats SavingsUsd, MetricStats? SavingsFraction, MetricStats SpillShare, MetricStats Utilization)
{
    /// <summary>The JSON view of <paramref name="g"/> (its sorted savings fractions, kept for the chart, left out).</summary>
    public static SweepGroupJson Of(SweepGroup g) =>
        new(g.GridIndex, g.Grid, g.Policy, g.Runs, g.MaxInFlight, g.MaxInFlightConfigured, g.TotalUsd, g.SavingsUsd, g.SavingsFraction, g.SpillShare, g.Utilization);
}

/// <summary>What <c>sweep --json</c> and <c>merge --json</c> print: how it was made, what ran, and each group's statistics.</summary>
public sealed record SweepJson(Provenance Provenance, SweepManifest Manifest, IReadOnlyList<SweepGroupJson> Groups);

/// <summary>What <c>tiers --json</c> prints and tiers.json holds.</summary>
/// <param name="SloMaxInFlight">The scenario's slo.max_in_flight sizing, or null without one.</param>
public sealed record TiersJson(Provenance Provenance, string Scenario, SloMaxInFlightJson? SloMaxInFlight, IReadOnlyList<Runs.TierRow> Tiers);

/// <summary>One policy's Monte Carlo summary in <c>report --format json</c>.</summary>
public sealed record MonteCarloJson(string Policy, int Runs, MetricStats TotalUsd, MetricStats SavingsUsd, MetricStats? SavingsFraction,
                                    MetricStats SpillShare, MetricStats Utilization)
{
    /// <summary>The JSON view of <paramref name="g"/>.</summary>
    public static MonteCarloJson Of(SweepGroup g) => new(g.Policy, g.Runs, g.TotalUsd, g.SavingsUsd, g.SavingsFraction, g.SpillShare, g.Utilization);
}

/// <summary>The sensitivity in <c>report --format json</c>: the scenario's fleet, its planned bill, whether the verdict holds, and every case.</summary>
/// <param name="Replicas">The scenario's fleet, in replicas.</param>
/// <param name="PlannedTotalUsd">The fleet's total bill as planned, $ over the horizon.</param>
/// <param name="PlannedSavingsUsd">Its savings against the all-API bill, $.</param>
public sealed record SensitivityJson(int Replicas, double PlannedTotalUsd, double PlannedSavingsUsd, bool VerdictHolds, IReadOnlyList<SensitivityCaseJson> Cases);

/// <summary>One factor's change in the sensitivity, with the same fleet's total, savings and savings share.</summary>
public sealed record SensitivityCaseJson(string Factor, double Change, double TotalUsd, double SavingsUsd, double? SavingsFraction);
