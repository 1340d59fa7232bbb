using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Benchmarks;

/// <summary>
/// The same Erlang-B loss system (32 slots, 33.08 erlangs, Poisson arrivals at 1/s, exponential
/// service, 201,600 arrivals = 56 hours) in FleetSim's request engine and in SimPy 2.3, in one
/// run, so the Ratio column is the speed-up. SimPy's time includes starting the interpreter
/// (about 50 ms of its ~1 s; the script also prints its own inner time to the log).
/// Registered only when Debian's python3-simpy is installed (see <see cref="Peers"/>).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SimPyPeerBenchmarks
{
    public const int Hours = 56;
    private const double MeanTokens = 85_000;
    private ScenarioSpec _scenario = null!;
    private DemandSeries _demand = null!;
    private FleetShape _fleet = null!;

    [GlobalSetup]
    public void Setup()
    {
        // λ = 1 request/s of 85K tokens; 4 replicas × 8 slots; R chosen so that A = D·c/R = 33.08.
        double throughput = MeanTokens * 8 / 33.08;
        _scenario = ScenarioLoader.Default(
        [
            .. new[]
            {
                $"horizon_hours={Hours}",
                "traffic.daily_shape={hourly: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}",
                $"traffic.monthly_processed_tokens={MeanTokens * 3600 * 730:R}",
                "traffic.request_mix.size_distribution=exponential",
                $"replica.processed_tokens_per_second={throughput:R}",
                "fleet.replicas=4",
                "router.mode=spill",
            }.Select(ScenarioOverride.Parse),
        ]);
        _demand = DemandBuilder.Build(_scenario.Traffic, _scenario.Horizon);
        _fleet = new FleetShape(4, _scenario.Replica);
        RequestRun probe = RequestEngine.Run(_scenario, _demand, _fleet, seed: 1);
        Console.WriteLine($"// FleetSim: {probe.Requests.Total:N0} arrivals, blocking {probe.SpilledRequestShare:0.0000}, {probe.Events:N0} events");
        Console.WriteLine($"// SimPy:    {RunSimPy()}");
    }

    [Benchmark(Description = "loss system 32 slots / 33.08 erlangs, FleetSim request engine")]
    public long FleetSimLossSystem() => RequestEngine.Run(_scenario, _demand, _fleet, seed: 1).Requests.Total;

    [Benchmark(Baseline = true, Description = "same loss system, SimPy 2.3 (python3)")]
    public string SimPyLossSystem() => RunSimPy();

    private static string RunSimPy()
    {
        var start = new ProcessStartInfo(Peers.Python, [Peers.Script("simpy_loss.py"), (Hours * 3600).ToString(), "32", "33.08", "1"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using Process python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        string output = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit();
        return python.ExitCode == 0 ? output : throw new InvalidOperationException($"simpy_loss.py exited {python.ExitCode}");
    }
}
