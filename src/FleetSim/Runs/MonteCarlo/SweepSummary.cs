using FleetSim.Traffic;

namespace FleetSim.Runs.MonteCarlo;

/// <summary>The distribution of one metric over a group of runs.</summary>
/// <param name="Ci95Low">Lower end of the 95 % confidence interval of the mean (normal approximation).</param>
public sealed record MetricStats(double Mean, double P5, double P50, double P95, double Ci95Low, double Ci95High)
{
    /// <summary>Every statistic 0: a metric that is 0 in every run.</summary>
    public static MetricStats None { get; } = new(0, 0, 0, 0, 0, 0);

    public static MetricStats Of(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        double mean = sorted.Average();
        double sd = sorted.Length > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1)) : 0;
        double half = 1.959963984540054 * sd / Math.Sqrt(sorted.Length);
        return new MetricStats(mean, Percentile.OfSorted(sorted, 0.05), Percentile.OfSorted(sorted, 0.5), Percentile.OfSorted(sorted, 0.95), mean - half, mean + half);
    }
}

/// <summary>One grid point and policy of a sweep: its runs summarized.</summary>
/// <param name="SavingsFraction">Savings as a share of the all-API bill over the months that have
/// an API bill; null when none has (no demand at this grid point), since a share of nothing is
/// undefined.</param>
/// <param name="SortedSavingsFractions">The months' savings shares in ascending order, the months with no API bill left out.</param>
public sealed record SweepGroup(int GridIndex, string Grid, string Policy, int Runs, MetricStats TotalUsd, MetricStats SavingsUsd,
                                MetricStats? SavingsFraction, MetricStats SpillShare, MetricStats Utilization, double[] SortedSavingsFractions)
{
    /// <summary>With traffic classes: the deferrable tokens sent to the batch tier (0 without).</summary>
    public MetricStats BatchApiTokens { get; init; } = MetricStats.None;

    /// <summary>With traffic classes: what the batch tier charged, $ (0 without).</summary>
    public MetricStats BatchApiUsd { get; init; } = MetricStats.None;

    /// <summary>Requests each replica runs at once at this grid point, after the scenario's slo (<see cref="RunRecord.MaxInFlight"/>); null from a runs.csv without the column.</summary>
    public int? MaxInFlight { get; init; }

    /// <summary>replica.max_in_flight as configured at this grid point (<see cref="RunRecord.MaxInFlightConfigured"/>); null from a runs.csv without the column.</summary>
    public int? MaxInFlightConfigured { get; init; }

    /// <summary>Whether the scenario's slo lowered the max in flight at this grid point.</summary>
    public bool SloLowered => MaxInFlight < MaxInFlightConfigured;
}

public static class SweepSummary
{
    /// <summary>Groups the records by grid point and policy, in the order they first appear (records sorted by item).</summary>
    public static IReadOnlyList<SweepGroup> Of(IEnumerable<RunRecord> records)
    {
        return [.. records
            .OrderBy(r => r.Item)
            .GroupBy(r => (r.GridIndex, r.Grid, r.Policy))
            .Select(g =>
            {
                RunRecord[] runs = [.. g];
                double[] sorted = [.. runs.Where(r => r.SavingsFraction.HasValue).Select(r => r.SavingsFraction!.Value)];
                Array.Sort(sorted);
                return new SweepGroup(g.Key.GridIndex, g.Key.Grid, g.Key.Policy, runs.Length,
                    MetricStats.Of([.. runs.Select(r => r.TotalUsd)]),
                    MetricStats.Of([.. runs.Select(r => r.SavingsUsd)]),
                    sorted.Length > 0 ? MetricStats.Of(sorted) : null,
                    MetricStats.Of([.. runs.Select(r => r.SpillShare)]),
                    MetricStats.Of([.. runs.Select(r => r.Utilization)]),
                    sorted)
                {
                    BatchApiTokens = MetricStats.Of([.. runs.Select(r => r.BatchApiTokens)]),
                    BatchApiUsd = MetricStats.Of([.. runs.Select(r => r.BatchApiUsd)]),
                    // A grid point's scenario sets it, so every run of the group has the same.
                    MaxInFlight = runs[0].MaxInFlight,
                    MaxInFlightConfigured = runs[0].MaxInFlightConfigured,
                };
            })];
    }
}
