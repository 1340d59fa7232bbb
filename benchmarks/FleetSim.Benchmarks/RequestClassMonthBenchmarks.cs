using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Benchmarks;

/// <summary>
/// Issue 18: what traffic classes add to the request engine's month. The seed's default month (about 6.9M requests)
/// on its 4 replicas through the spill router, without classes (the baseline), with 30 % of the tokens deferrable
/// within 24 h (held earliest deadline first on the slots the interactive requests leave idle, preempt-resume), and
/// with four deferrable classes of different deadlines, in one run. One operation is one whole month.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RequestClassMonthBenchmarks
{
    private ScenarioSpec _plain = null!, _two = null!, _five = null!;
    private DemandSeries _demand = null!;
    private FleetShape _fleet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plain = ScenarioLoader.Default() with { Router = new RouterSpec(RouterMode.Spill) };
        _demand = DemandBuilder.Build(_plain.Traffic, _plain.Horizon);
        _fleet = new FleetShape(4, _plain.Replica);
        _two = _plain with
        {
            Traffic = _plain.Traffic with { Classes = new TrafficClasses([new("interactive", 0.7, null, null), new("bulk", 0.3, 24, null)], "benchmark") },
        };
        _five = _plain with
        {
            Traffic = _plain.Traffic with
            {
                Classes = new TrafficClasses([new("interactive", 0.6, null, null), new("a", 0.1, 1, null), new("b", 0.1, 6, null),
                                              new("c", 0.1, 24, null), new("d", 0.1, 168, null)], "benchmark"),
            },
        };
        RequestRun probe = RequestEngine.Run(_two, _demand, _fleet, seed: 1);
        Console.WriteLine($"// 30 % within 24 h: {probe.Requests.Total:N0} interactive and {probe.Deferral!.Requests:N0} deferrable requests, " +
                          $"{probe.Deferral.Preemptions:N0} preemptions, {probe.Deferral.Expired:N0} deadlines reached");
    }

    [Benchmark(Baseline = true, Description = "request month, spill, no classes")]
    public long NoClasses() => RequestEngine.Run(_plain, _demand, _fleet, seed: 1).Events;

    [Benchmark(Description = "request month, 70 % interactive + 30 % within 24 h")]
    public long TwoClasses() => RequestEngine.Run(_two, _demand, _fleet, seed: 1).Events;

    [Benchmark(Description = "request month, interactive + 4 deferrable (1 h … 168 h)")]
    public long FiveClasses() => RequestEngine.Run(_five, _demand, _fleet, seed: 1).Events;
}
