using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FleetSim.Engine;
using FleetSim.Fleet;
using FleetSim.Kernels;
using FleetSim.Routing;
using FleetSim.Runs;
using FleetSim.Runs.Plan;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Benchmarks;

/// <summary>
/// Issue 17, point 6: what one plan candidate costs against one spill month of the minute kernel, and
/// the default plan against the default compare, in one run. A candidate is what <see cref="PlanSearch"/>
/// does per candidate: the candidate's scenario and economics, the policy's run over the month, its bill.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class PlanBenchmarks
{
    private readonly ScenarioSpec _seed = ScenarioLoader.Default();
    private readonly NodeCatalogue _catalogue = BuiltInCatalogue.Read();
    private double[] _demand = [];
    private double[] _served = [];
    private FleetShape _fleet = null!;
    private double _erlangsPerTokenPerSecond;
    private DemandSeries _expected = null!;
    private PlanCandidate _candidate = null!;

    [GlobalSetup]
    public void Setup()
    {
        _expected = DemandBuilder.Build(_seed.Traffic, _seed.Horizon);
        _demand = _expected.Rate.ToArray();
        _served = new double[_demand.Length];
        _fleet = new FleetShape(4, _seed.Replica);
        _erlangsPerTokenPerSecond = ServiceTime.ErlangsPerTokenPerSecond(_seed.Replica);
        NodeType node = _catalogue.NodeTypes.First(n => n.Name == "aws-p6-b200");
        CatalogueReplica replica = _catalogue.ReplicasOf("kimi-k2.6").First(r => r.Gpu == "B200" && r.TensorParallel == 4);
        _candidate = new PlanCandidate(node, replica, 8, PoolMix.SpotBursts, "breakeven", null, 0);
    }

    [Benchmark(Baseline = true, Description = "spill month (32 slots), the minute kernel")]
    public double SpillMonth() => MinuteKernels.Spill(_demand, _fleet.Slots, _erlangsPerTokenPerSecond, _served);

    [Benchmark(Description = "one candidate: breakeven, B200 TP4, spot bursts")]
    public double Breakeven() => Candidate(_candidate);

    [Benchmark(Description = "one candidate: schedule, B200 TP4, spot bursts")]
    public double Schedule() => Candidate(_candidate with { Policy = "schedule" });

    [Benchmark(Description = "one candidate: reactive@0.8, B200 TP4, spot bursts")]
    public double Reactive() => Candidate(_candidate with { Policy = "reactive", ReactiveTarget = 0.8 });

    [Benchmark(Description = "a candidate's economics alone (prices and the minute routers up to 1,024 replicas)")]
    public double EconomicsAlone() => new FleetEconomics(_candidate.ScenarioFor(_seed)!).NodeUsdPerMinute;

    [Benchmark(Description = "fleetsim plan, default scenario and catalogue (search + verification)")]
    public int Plan() => PlanSearch.Run(_seed, _catalogue).Estimates.Count;

    [Benchmark(Description = "fleetsim compare, default scenario")]
    public int Compare() => PolicyComparison.Of(_seed).Runs.Count;

    private double Candidate(PlanCandidate c)
    {
        ScenarioSpec spec = c.ScenarioFor(_seed)!;
        var economics = new FleetEconomics(spec);
        PolicyRun run = PolicyEngine.Run(c.Policy, spec, _expected, _expected, economics, spec.Seed);
        return Economics.Bill.For(run, economics.Prices).Total.Value;
    }
}
