using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Scenario;

namespace FleetSim.Benchmarks;

/// <summary>
/// Issue 5's wall-clock targets, measured as stated rather than extrapolated: whole sweeps through
/// <see cref="SweepRunner"/> on 2 threads, each invocation one sweep (grid point set-up included).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SweepTargetBenchmarks
{
    private const string Noise = "traffic.noise={minute_cv: 0.2, minute_correlation: 0.9, daily_cv: 0.1, bursts: {per_day: 1, height: 0.5, minutes: 30}}";
    private const string Failures = "scaling.failures={mtbf_hours: 500, mttr_hours: 4}";

    private static int Sweep(int runs, string policy, params string[] sets)
    {
        var spec = new SweepSpec(runs, 1, [Noise, .. sets], [policy], 2, SweepShard.Whole);
        return SweepRunner.Run(spec, overrides => ScenarioLoader.Default(overrides)).Count;
    }

    [Benchmark(Description = "10,000 noisy months, schedule policy, 2 threads (target 2 s)")]
    public int TenThousandScheduleMonths() => Sweep(10_000, "schedule");

    [Benchmark(Description = "10,000 noisy months, static fleet (floor), 2 threads (target 2 s)")]
    public int TenThousandStaticMonths() => Sweep(10_000, "floor");

    [Benchmark(Description = "1,000 noisy months, reactive with failures, 2 threads (target 2 s)")]
    public int ThousandReactiveMonths() => Sweep(1_000, "reactive", Failures, "scaling.reactive.metric=offered_load", "scaling.reactive.target_utilization=1.3");
}
