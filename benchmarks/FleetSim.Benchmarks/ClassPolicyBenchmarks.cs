using BenchmarkDotNet.Attributes;
using FleetSim.Engine;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Benchmarks;

/// <summary>
/// Issue 18: what traffic classes add to a policy's month (compare's and sweep's unit of work). The seed's month
/// under the schedule and reactive policies, without classes (the schedule is the baseline) and with 30 % of the
/// tokens deferrable within 24 h: the policy's run on the interactive demand, then the deferral pass over its
/// serving counts. One run, so the ratios share the machine's load.
/// </summary>
[MemoryDiagnoser]
public class ClassPolicyBenchmarks
{
    private ScenarioSpec _plain = null!, _classed = null!;
    private DemandSeries _expected = null!;
    private FleetEconomics _plainEconomics = null!, _classedEconomics = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plain = ScenarioLoader.Default();
        _classed = ScenarioLoader.Default([ScenarioOverride.Parse("traffic.classes=[{name: interactive, share: 0.7}, {name: bulk, share: 0.3, deadline_hours: 24}]")]);
        _expected = DemandBuilder.Build(_plain.Traffic, _plain.Horizon);
        _plainEconomics = new FleetEconomics(_plain);
        _classedEconomics = new FleetEconomics(_classed);
    }

    [Benchmark(Baseline = true, Description = "schedule month, no classes")]
    public double Schedule() => PolicyEngine.Run("schedule", _plain, _expected, _expected, _plainEconomics, 1).SelfHostedTokens.Value;

    [Benchmark(Description = "schedule month, 30 % within 24 h")]
    public double ScheduleWithClasses() => PolicyEngine.Run("schedule", _classed, _expected, _expected, _classedEconomics, 1).SelfHostedTokens.Value;

    [Benchmark(Description = "reactive month, no classes")]
    public double Reactive() => PolicyEngine.Run("reactive", _plain, _expected, _expected, _plainEconomics, 1).SelfHostedTokens.Value;

    [Benchmark(Description = "reactive month, 30 % within 24 h")]
    public double ReactiveWithClasses() => PolicyEngine.Run("reactive", _classed, _expected, _expected, _classedEconomics, 1).SelfHostedTokens.Value;
}
