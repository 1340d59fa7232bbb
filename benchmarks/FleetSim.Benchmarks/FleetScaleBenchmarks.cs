using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FleetSim.Runs;
using FleetSim.Scenario;

namespace FleetSim.Benchmarks;

/// <summary>
/// Issue 15, kind 8: a verb's cost should grow with the question, not the fleet. `compare` (the
/// library call the CLI makes: every default policy and the oracle over a noisy month) on the seed's
/// 4-replica month and on the same month with 2,500 times the traffic (the floor is 10,338
/// replicas, the policies run up to 26,000), side by side in one run; and `tiers --spend 1B`
/// (six comparisons at some 22,000 to 56,000 replicas).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FleetScaleBenchmarks
{
    /// <summary>The seed's scenario with its traffic and hourly percentiles times <paramref name="factor"/>, and some minute noise.</summary>
    private static ScenarioSpec Scaled(double factor) =>
        ScenarioLoader.Default([
            ScenarioOverride.Parse($"traffic.monthly_processed_tokens={583e9 * factor:R}"),
            ScenarioOverride.Parse($"traffic.daily_shape.hourly_percentiles={{trough: {110e3 * factor:R}, p50: {222e3 * factor:R}, p90: {290e3 * factor:R}, p99: {327e3 * factor:R}}}"),
            ScenarioOverride.Parse("traffic.noise={minute_cv: 0.1, minute_correlation: 0.9}"),
        ]);

    private readonly ScenarioSpec _four = Scaled(1);
    private readonly ScenarioSpec _tenThousand = Scaled(2_500);

    [Benchmark(Baseline = true, Description = "compare, seed month (4 replicas)")]
    public int CompareFourReplicas() => PolicyComparison.Of(_four).Runs.Count;

    [Benchmark(Description = "compare, 2,500x traffic (10,338-replica floor)")]
    public int CompareTenThousandReplicas() => PolicyComparison.Of(_tenThousand).Runs.Count;

    [Benchmark(Description = "tiers --spend 1B (seed scenario)")]
    public int TiersOneBillion() => TierAnalysis.Run(ScenarioLoader.Default(), [1e9]).Count;
}
