using BenchmarkDotNet.Attributes;
using FleetSim.Engine;
using FleetSim.Fleet;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Benchmarks;

/// <summary>
/// Issue 18: what traffic classes add to a fixed fleet's month on the minute engine. The seed's month (43,800
/// minutes) on its 4 replicas through the spill router, without classes (the baseline) and with 30 % of the tokens
/// deferrable within 24 h (the interactive span through the same kernel, then the earliest-deadline backlog minute
/// by minute), and with four deferrable classes of different deadlines, in one run.
/// </summary>
[MemoryDiagnoser]
public class ClassMonthBenchmarks
{
    private DemandSeries _demand = null!;
    private FleetShape _fleet = null!;
    private RequestMix _mix = null!;
    private TrafficClasses _two = null!, _five = null!;
    private readonly RouterSpec _spill = new(RouterMode.Spill);

    [GlobalSetup]
    public void Setup()
    {
        ScenarioSpec seed = ScenarioLoader.Default();
        _demand = DemandBuilder.Build(seed.Traffic, seed.Horizon);
        _fleet = new FleetShape(4, seed.Replica);
        _mix = seed.Traffic.RequestMix;
        _two = new TrafficClasses([new("interactive", 0.7, null, null), new("bulk", 0.3, 24, null)], "benchmark");
        _five = new TrafficClasses([new("interactive", 0.6, null, null), new("a", 0.1, 1, null), new("b", 0.1, 6, null),
                                    new("c", 0.1, 24, null), new("d", 0.1, 168, null)], "benchmark");
    }

    [Benchmark(Baseline = true, Description = "spill month, no classes")]
    public double NoClasses() => MinuteEngine.Run(_demand, _fleet, _spill, _mix).SelfHosted.Value;

    [Benchmark(Description = "spill month, 70 % interactive + 30 % within 24 h")]
    public double TwoClasses() => MinuteEngine.Run(_demand, _fleet, _spill, _mix, classes: _two).SelfHosted.Value;

    [Benchmark(Description = "spill month, interactive + 4 deferrable (1 h … 168 h)")]
    public double FiveClasses() => MinuteEngine.Run(_demand, _fleet, _spill, _mix, classes: _five).SelfHosted.Value;
}
