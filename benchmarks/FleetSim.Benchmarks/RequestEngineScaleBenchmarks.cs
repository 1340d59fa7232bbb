using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Benchmarks;

/// <summary>
/// The request engine's cost per request as the fleet grows: the same load on every replica (8
/// slots each, 7 erlangs offered per replica: ρ = 0.875) at 4, 100, 1,000 and 10,000 replicas,
/// with the default router (spill, simple-shuffle) and with least-busy. Each run is 2 hours of
/// flat Poisson arrivals carrying <see cref="Requests"/> requests whatever the fleet, so the
/// service time shrinks with the fleet (λ per replica = <see cref="Requests"/>/(7200 s · n), one
/// request's slot time = 7/λ per replica: 0.2 s at 4 replicas, 504 s at 10,000). One operation is
/// one run; <c>OperationsPerInvoke</c> = <see cref="Requests"/>, so the Mean column reads as
/// nanoseconds per request.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class RequestEngineScaleBenchmarks
{
    /// <summary>Requests per run (about; Poisson), the same at every fleet size.</summary>
    public const int Requests = 1_000_000;

    private const int Hours = 2;
    private const double MeanTokens = 85_000;
    private const double ErlangsPerReplica = 7;
    private ScenarioSpec _scenario = null!;
    private DemandSeries _demand = null!;
    private FleetShape _fleet = null!;

    [Params(4, 100, 1_000, 10_000)]
    public int Replicas { get; set; }

    [Params("simple-shuffle", "least-busy")]
    public string Strategy { get; set; } = "simple-shuffle";

    [GlobalSetup]
    public void Setup()
    {
        double perSecond = Requests / (Hours * 3600.0);
        double perReplica = perSecond / Replicas;
        // A = λᵣ · P·c/R = 7 erlangs on each replica of c = 8 slots.
        double throughput = perReplica * MeanTokens * 8 / ErlangsPerReplica;
        _scenario = ScenarioLoader.Default(
        [
            .. new[]
            {
                $"horizon_hours={Hours}",
                "traffic.daily_shape={hourly: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}",
                $"traffic.monthly_processed_tokens={MeanTokens * perSecond * 3600 * 730:R}",
                $"replica.processed_tokens_per_second={throughput:R}",
                $"fleet.replicas={Replicas}",
                "router.mode=spill",
                $"router.strategy={Strategy}",
            }.Select(ScenarioOverride.Parse),
        ]);
        _demand = DemandBuilder.Build(_scenario.Traffic, _scenario.Horizon);
        _fleet = new FleetShape(Replicas, _scenario.Replica);
        RequestRun probe = RequestEngine.Run(_scenario, _demand, _fleet, seed: 1);
        Console.WriteLine($"// {Replicas} replicas, {Strategy}: {probe.Requests.Total:N0} requests, spilled share {probe.SpilledRequestShare:0.0000}");
    }

    [Benchmark(Description = "request engine, 7 erlangs a replica, per request", OperationsPerInvoke = Requests)]
    public long SameLoadPerReplica() => RequestEngine.Run(_scenario, _demand, _fleet, seed: 1).Requests.Total;
}
