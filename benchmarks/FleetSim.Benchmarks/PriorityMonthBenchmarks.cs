using BenchmarkDotNet.Attributes;
using FleetSim.Engine;
using FleetSim.Fleet;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Benchmarks;

/// <summary>
/// Issue 18, priorities: what reserved slots cost a fixed fleet's month on the minute engine. The seed's month
/// (43,800 minutes) through the spill router with two interactive classes and no reservation (the spill kernel, the
/// baseline), with 4 of the 32 slots kept for the first class (the reservation's chain, <see cref="ReservedSlotsLoss"/>,
/// minute by minute), with three levels, and the same two classes on a fleet 100 times larger (400 replicas, the
/// demand scaled with it), where the chain's sum is longest.
/// </summary>
[MemoryDiagnoser]
public class PriorityMonthBenchmarks
{
    private DemandSeries _demand = null!, _large = null!;
    private FleetShape _fleet = null!, _largeFleet = null!;
    private RequestMix _mix = null!;
    private TrafficClasses _plain = null!, _reserved = null!, _three = null!, _largeReserved = null!;
    private readonly RouterSpec _spill = new(RouterMode.Spill);

    [GlobalSetup]
    public void Setup()
    {
        ScenarioSpec seed = ScenarioLoader.Default();
        _demand = DemandBuilder.Build(seed.Traffic, seed.Horizon);
        _large = DemandBuilder.Build(seed.Traffic with { MonthlyProcessedTokens = seed.Traffic.MonthlyProcessedTokens * 100 }, seed.Horizon);
        _fleet = new FleetShape(4, seed.Replica);
        _largeFleet = new FleetShape(400, seed.Replica);
        _mix = seed.Traffic.RequestMix;
        _plain = new TrafficClasses([new("chat", 0.6, null, null) { Priority = 0 }, new("agents", 0.4, null, null) { Priority = 10 }], "benchmark");
        _reserved = new TrafficClasses([new("chat", 0.6, null, null) { Priority = 0, ReservedSlots = 4 }, new("agents", 0.4, null, null) { Priority = 10 }], "benchmark");
        _three = new TrafficClasses([new("chat", 0.4, null, null) { Priority = 0, ReservedSlots = 4 }, new("agents", 0.4, null, null) { Priority = 10, ReservedSlots = 4 },
                                     new("evals", 0.2, null, null) { Priority = 20 }], "benchmark");
        _largeReserved = new TrafficClasses([new("chat", 0.6, null, null) { Priority = 0, ReservedSlots = 400 }, new("agents", 0.4, null, null) { Priority = 10 }], "benchmark");
    }

    [Benchmark(Baseline = true, Description = "spill month, 2 classes, nothing reserved")]
    public double Plain() => MinuteEngine.Run(_demand, _fleet, _spill, _mix, classes: _plain).SelfHosted.Value;

    [Benchmark(Description = "spill month, 2 classes, 4 of 32 slots reserved")]
    public double Reserved() => MinuteEngine.Run(_demand, _fleet, _spill, _mix, classes: _reserved).SelfHosted.Value;

    [Benchmark(Description = "spill month, 3 levels, 4 + 4 of 32 slots reserved")]
    public double ThreeLevels() => MinuteEngine.Run(_demand, _fleet, _spill, _mix, classes: _three).SelfHosted.Value;

    [Benchmark(Description = "spill month ×100 (400 replicas), 2 classes, nothing reserved")]
    public double LargePlain() => MinuteEngine.Run(_large, _largeFleet, _spill, _mix, classes: _plain).SelfHosted.Value;

    [Benchmark(Description = "spill month ×100 (400 replicas), 400 of 3,200 slots reserved")]
    public double LargeReserved() => MinuteEngine.Run(_large, _largeFleet, _spill, _mix, classes: _largeReserved).SelfHosted.Value;
}
