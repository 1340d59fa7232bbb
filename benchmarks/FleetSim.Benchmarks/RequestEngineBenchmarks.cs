using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Benchmarks;

/// <summary>
/// The request engine over the seed's default month: about 6.9M requests through 4 TP4 replicas
/// with the spill router. One operation is one whole month.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RequestEngineBenchmarks
{
    private ScenarioSpec _scenario = null!;
    private DemandSeries _demand = null!;
    private FleetShape _fleet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ScenarioLoader.Default();
        _demand = DemandBuilder.Build(_scenario.Traffic, _scenario.Horizon);
        _fleet = new FleetShape(FleetSizing.Floor(_scenario.Replica, _demand), _scenario.Replica);
        RequestRun probe = RequestEngine.Run(_scenario, _demand, _fleet, seed: 1);
        Console.WriteLine($"// default month: {probe.Requests.Total:N0} requests, {probe.Events:N0} events per run");
    }

    [Benchmark(Description = "request engine, default month, spill")]
    public long DefaultMonth() => RequestEngine.Run(_scenario, _demand, _fleet, seed: 1).Events;
}
