using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Runs.MonteCarlo;

/// <summary>
/// Runs a Monte Carlo sweep: every grid point × policy × run, in parallel, each run deterministic
/// given its seed, so the records are the same for any thread count and any shard split.
/// </summary>
public static class SweepRunner
{
    /// <summary>
    /// True when months of <paramref name="scenario"/> differ from seed to seed: random traffic noise,
    /// replica failures, or spot nodes that are preempted. Without any, every month is the same and a
    /// Monte Carlo sweep would only repeat one bill.
    /// </summary>
    public static bool MonthsVary(ScenarioSpec scenario) => scenario.Traffic.Noise.IsRandom || FleetIsRandom(scenario);

    /// <summary>True when the fleet itself draws random numbers: replica failures, or spot nodes preempted.</summary>
    public static bool FleetIsRandom(ScenarioSpec scenario) =>
        scenario.Scaling.Failures is not null || scenario.Pricing.Spot is { PreemptionsPerNodeHour: > 0 };

    /// <param name="load">Builds the scenario for a grid point's overrides (the CLI loads the file with them).</param>
    /// <param name="progress">Called with the number of runs finished so far, from any thread.</param>
    public static IReadOnlyList<RunRecord> Run(SweepSpec spec, Func<IReadOnlyList<ScenarioOverride>, ScenarioSpec> load, Action<long>? progress = null)
    {
        var grid = new SweepGrid(spec.GridSets);
        var models = new List<GridPointModel>();
        foreach (GridPoint point in grid.Points)
        {
            ScenarioSpec scenario = load(point.Overrides);
            IReadOnlyList<string> policies = spec.Policies ?? PolicyComparison.DefaultPolicies(scenario);
            if (scenario.Traffic.Classes is { } classes && policies.Contains(OracleBound.Name) && PolicyEngine.RefusesOracle(scenario))
            {
                // Refused here, before the parallel loop, so the message is the refusal and not an aggregate of it.
                throw PolicyEngine.OracleRefused(classes);
            }
            models.Add(new GridPointModel(point, scenario, policies));
        }
        var items = new List<(long Item, GridPointModel Model, string Policy, int Run)>();
        long item = 0;
        foreach (GridPointModel model in models)
        {
            foreach (string policy in model.Policies)
            {
                for (int run = 0; run < spec.Runs; run++, item++)
                {
                    if (spec.Shard.Takes(item))
                    {
                        items.Add((item, model, policy, run));
                    }
                }
            }
        }

        var records = new RunRecord[items.Count];
        long done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, spec.Threads) };
        // Parallel.For retires its worker tasks every so often and starts fresh ones, each with its own
        // local state; pooling the workspaces keeps their month-long buffers from being made again.
        var workspaces = new System.Collections.Concurrent.ConcurrentBag<Workspace>();
        Parallel.For(0, items.Count, options, () => workspaces.TryTake(out Workspace? w) ? w : new Workspace(), (i, _, workspace) =>
        {
            var (index, model, policy, run) = items[i];
            records[i] = workspace.RunOne(index, model, policy, run, spec.RunSeed(run));
            progress?.Invoke(Interlocked.Increment(ref done));
            return workspace;
        }, workspaces.Add);
        return records;
    }

    /// <summary>One thread's buffers: a month of demand, of served tok/s and serving replicas, and a noise generator per grid point.</summary>
    private sealed class Workspace
    {
        private readonly Dictionary<int, NoisyDemand> _noise = [];
        private readonly Kernels.VectorRandom _random = new(0);
        private double[] _demand = [];
        private MonthBuffers _month = new(0);

        public RunRecord RunOne(long item, GridPointModel model, string policy, int run, int seed)
        {
            ScenarioSpec scenario = model.Scenario;
            int minutes = model.Expected.Minutes;
            if (_demand.Length != minutes)
            {
                _demand = new double[minutes];
                _month = new MonthBuffers(minutes);
            }
            if (!_noise.TryGetValue(model.Point.Index, out NoisyDemand? noise))
            {
                noise = new NoisyDemand(model.Expected, scenario.Traffic.Noise);
                _noise[model.Point.Index] = noise;
            }
            _random.Reseed(DemandBuilder.NoiseSeed(seed));
            double demandSum = noise.Fill(_random, _demand);
            var demand = new Units.Tokens(demandSum * 60);

            Bill bill;
            if (model.Fixed.TryGetValue(policy, out FixedFleet? fleet))
            {
                double servedSum = 0, capacityMinutes = 0;
                foreach (var (start, length, replicas) in fleet.Spans)
                {
                    Span<double> served = _month.Served.AsSpan(start, length);
                    if (replicas > 0)
                    {
                        servedSum += MinuteEngine.ServeSpan(_demand.AsSpan(start, length), model.Economics.RouterFor(replicas), served);
                        capacityMinutes += (double)replicas * length;
                    }
                    else
                    {
                        served.Clear();
                    }
                }
                double utilization = FleetOutcome.BusyShare(servedSum, capacityMinutes, scenario.Replica.Throughput.Value);
                double turnedAway = Routing.MinuteApiGate.Limits(scenario.Api)
                    ? Routing.MinuteApiGate.DroppedTokens(_demand, _month.Served.AsSpan(0, _demand.Length), scenario.Api, scenario.Traffic.RequestMix)
                    : 0;
                var outcome = FleetOutcome.Of(demand, new Units.Tokens(servedSum * 60), new Units.Tokens(turnedAway),
                                              new Units.Tokens(capacityMinutes * scenario.Replica.Throughput.Value * 60), utilization, 0);
                bill = new Bill(outcome, fleet.SelfHost, model.Prices);
            }
            else
            {
                // The series wraps this thread's buffer: the policy and the run read it only during this run.
                var actual = new DemandSeries(_demand);
                PolicyRun result = PolicyEngine.Run(policy, scenario, model.Expected, actual, model.Economics, seed, _month);
                bill = Bill.For(result, model.Prices);
            }
            return RunRecord.Of(item, model.Point.Index, model.Point.Label, policy, run, seed, bill, model.InFlight);
        }
    }
}
