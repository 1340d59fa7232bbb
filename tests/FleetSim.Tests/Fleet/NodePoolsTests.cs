using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Fleet;
using FleetSim.Pricing;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Fleet;

/// <summary>
/// Node pools over a month (docs/scaling.md#node-pools): what replaces a preempted spot node, correlated
/// preemptions, the interruption notice, and the burst order with a spot cap. Each scenario runs one
/// 4-GPU node per replica under a flat load far above the fleet (the fluid router serves exactly its
/// capacity), so served tokens and bills follow by hand from the nodes' times.
/// </summary>
public class NodePoolsTests
{
    private const double ReplicaTokPerSecond = 26_600; // the seed's TP4 replica
    private const double Demand = 100_000;              // tok/s, above any fleet here

    /// <summary>Asks for <paramref name="replicas"/>[i] replicas from minute <paramref name="from"/>[i] on (the first from minute 0).</summary>
    private sealed class Levels(int[] replicas, double[] from, double interval = 1) : IScalingPolicy
    {
        public string Name => "levels";

        public double IntervalMinutes => interval;

        public int DesiredReplicas(ScalingContext context)
        {
            int level = 0;
            for (int i = 1; i < from.Length; i++)
            {
                level = context.Time >= from[i] ? i : level;
            }
            return replicas[level];
        }
    }

    private static (ScenarioSpec Scenario, PolicyRun Run) Run(IScalingPolicy policy, int hours, int seed, params string[] sets)
    {
        ScenarioSpec scenario = Scenarios.ConstantLoad(Demand, 1, "fluid", [$"horizon_hours={hours}", .. sets]);
        DemandSeries demand = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        return (scenario, FleetDynamics.Run(scenario, demand, policy, new FleetEconomics(scenario), seed));
    }

    private static IScalingPolicy Hold(int replicas) => new Levels([replicas], [0], interval: 60);

    private static string Spot(string more = "") =>
        $"pricing={{spot: {{usd_per_gpu_hour: 3, preemptions_per_node_hour: 0.5{more}}}, base_fleet: spot}}";

    [Test]
    public void WithProvisioningShorterThanTheNoticeAPreemptionLosesNoMinute()
    {
        // Notice 2 min, provisioning 1 min: the replacement asked at the notice's start serves from t + 1,
        // the preempted node until t + 2, so every minute has at least the one replica.
        (ScenarioSpec scenario, PolicyRun run) = Run(Hold(1), 48, 3, Spot(", notice_seconds: 120"), "scaling.provisioning_minutes=1");
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Replica.Throughput.Value, Is.EqualTo(ReplicaTokPerSecond));
            Assert.That(run.Preemptions, Is.GreaterThan(5), "0.5 per node-hour over 48 h: about 24");
            Assert.That(run.Serving, Has.All.GreaterThanOrEqualTo(1));
            Assert.That(run.Served, Has.All.GreaterThanOrEqualTo(ReplicaTokPerSecond - 1e-6));
        });
    }

    [Test]
    public void WithProvisioningLongerThanTheNoticeEachPreemptionLosesTheDifference()
    {
        // Notice 2 min, provisioning 15 min: a preemption at t leaves the fleet empty from the minute
        // nearest t + 2 (the notice ends) to the one nearest t + 15 (the replacement serves): 13 minutes,
        // fewer where the horizon cuts the gap. Each lost minute spills the replica's 26,600 tok/s for 60 s,
        // 13 × 60 × 26,600 = 20,748,000 tokens per whole gap.
        const int hours = 48, minutes = hours * 60;
        (_, PolicyRun run) = Run(Hold(1), hours, 5, Spot(), "scaling.provisioning_minutes=15");
        NodeLease[] preempted = [.. run.Leases.Where(l => l.Preempted)];
        double gapMinutes = 0;
        foreach (NodeLease lease in preempted)
        {
            double t = lease.Ended!.Value - 2; // the notice ended 2 min after the preemption
            gapMinutes += Math.Min(Math.Floor(t + 15.5), minutes) - Math.Min(Math.Floor(t + 2.5), minutes);
        }
        double servedTokens = run.Served.Sum() * 60;
        double spilled = Demand * 60 * minutes - servedTokens;
        Assert.Multiple(() =>
        {
            Assert.That(preempted, Has.Length.EqualTo(run.Preemptions).And.Length.GreaterThan(5));
            Assert.That(run.Serving.Count(s => s == 0), Is.EqualTo(gapMinutes));
            Assert.That(spilled, Is.EqualTo((Demand - ReplicaTokPerSecond) * 60 * minutes + gapMinutes * 60 * ReplicaTokPerSecond).Within(1));
            // Every replacement was asked for at its preemption, 2 min before the preempted node's billing ended.
            foreach (NodeLease lease in preempted)
            {
                Assert.That(run.Leases.Count(l => Math.Abs(l.Requested - (lease.Ended!.Value - 2)) < 1e-9), Is.EqualTo(1));
            }
        });
        Assert.That(preempted.Select(l => Math.Min(Math.Floor(l.Ended!.Value + 13.5), minutes) - Math.Min(Math.Floor(l.Ended!.Value + 0.5), minutes)),
                    Has.Some.EqualTo(13), "at least one whole 13-minute gap");
    }

    [Test]
    public void AnOnDemandFallbackReplacesTheSpotNodeOnceAndForAll()
    {
        // One spot node, fallback on_demand: the first preemption at t brings an on-demand node (asked at t,
        // provisioning 0); no spot node is left to preempt. Bill: the spot node 4 GPUs × $3 for t + 2 min
        // (its notice, billed exactly), the on-demand node 4 × $6 from t to the horizon.
        const int hours = 48;
        (ScenarioSpec scenario, PolicyRun run) = Run(Hold(1), hours, 7, Spot(", fallback: on_demand"), "scaling.provisioning_minutes=0");
        NodeLease spot = run.Leases.Single(l => l.Kind == NodeKind.Spot);
        NodeLease onDemand = run.Leases.Single(l => l.Kind == NodeKind.OnDemand);
        double t = onDemand.Requested;
        double expected = 4 * 3.0 * (t + 2) / 60 + 4 * 6.0 * (hours * 60 - t) / 60;
        Assert.Multiple(() =>
        {
            Assert.That(run.Preemptions, Is.EqualTo(1));
            Assert.That(spot.Ended, Is.EqualTo(t + 2).Within(1e-9));
            Assert.That(onDemand.Ended, Is.Null);
            Assert.That(Bill.For(run, new ScenarioPrices(scenario)).SelfHost.Value, Is.EqualTo(expected).Within(1e-6));
        });
    }

    [Test]
    public void AnApiFallbackAsksForNothingUntilThePolicysAnswerChanges()
    {
        // Two spot nodes preempted at 2 per node-hour with fallback api: no replacement is asked for, so the
        // fleet empties and the API takes everything, until the policy asks for 3 replicas at minute 1,000.
        (_, PolicyRun run) = Run(new Levels([2, 3], [0, 1000]), 24, 11,
                                 "pricing={spot: {usd_per_gpu_hour: 3, preemptions_per_node_hour: 2, fallback: api}, base_fleet: spot}",
                                 "scaling.provisioning_minutes=0");
        double lastEnd = run.Leases.Where(l => l.Requested < 1000).Max(l => l.Ended ?? double.PositiveInfinity);
        Assert.Multiple(() =>
        {
            Assert.That(run.Leases.Count(l => l.Requested < 1000), Is.EqualTo(2), "the two base nodes, never replaced");
            Assert.That(lastEnd, Is.LessThan(1000), "both preempted long before minute 1,000 (mean 45 min)");
            Assert.That(run.Serving.Skip((int)Math.Floor(lastEnd + 0.5)).Take(1000 - (int)Math.Floor(lastEnd + 0.5)), Has.All.EqualTo(0));
            Assert.That(run.Leases.Count(l => l.Requested == 1000), Is.EqualTo(3), "asked for again when the answer changed");
            Assert.That(run.Serving[1000], Is.EqualTo(3));
        });
    }

    [Test]
    public void UnderANodeCapTheReplacementWaitsForTheNoticeToEnd()
    {
        // scaling.max_nodes 1 and one spot node: the preempted node is leased until its notice ends at t + 2,
        // so its replacement is asked for then, not at t, and the fleet never leases 2 nodes at once.
        (_, PolicyRun run) = Run(Hold(1), 48, 19, Spot(), "scaling.provisioning_minutes=0", "scaling.max_nodes=1");
        NodeLease[] leases = [.. run.Leases];
        Assert.Multiple(() =>
        {
            Assert.That(run.Preemptions, Is.GreaterThan(5));
            for (int i = 1; i < leases.Length; i++)
            {
                Assert.That(leases[i].Requested, Is.EqualTo(leases[i - 1].Ended!.Value).Within(1e-9), $"lease {i}");
            }
        });
    }

    /// <summary>
    /// The defaults are the behaviour before the keys: spelling them out changes no policy's bill, to the
    /// cent, on a week with preemptions, reserved nodes and per-hour billing.
    /// </summary>
    [Test]
    public void SpellingOutTheDefaultsChangesNoBill()
    {
        const string common = "usd_per_gpu_hour: 3, preemptions_per_node_hour: 0.1";
        const string rest = "reserved_nodes: 1, reserved_usd_per_gpu_hour: 4, billing: per-hour";
        string[] policies = ["floor", "schedule", "reactive"];
        FleetSim.Runs.PolicyComparison implicitDefaults = FleetSim.Runs.PolicyComparison.Of(
            Scenarios.Seed("horizon_hours=168", $"pricing={{spot: {{{common}}}, {rest}}}"), policies);
        FleetSim.Runs.PolicyComparison explicitDefaults = FleetSim.Runs.PolicyComparison.Of(
            Scenarios.Seed("horizon_hours=168",
                $"pricing={{spot: {{{common}, fallback: spot, correlated_share: 0, notice_seconds: 120}}, bursts: [spot], {rest}}}"), policies);
        Assert.Multiple(() =>
        {
            foreach (string policy in policies)
            {
                Assert.That(explicitDefaults[policy].Total.Value, Is.EqualTo(implicitDefaults[policy].Total.Value), policy);
                Assert.That(explicitDefaults[policy].Preemptions, Is.EqualTo(implicitDefaults[policy].Preemptions), policy);
            }
            Assert.That(implicitDefaults["schedule"].Preemptions, Is.GreaterThan(0));
        });
    }

    [Test]
    public void AFixedFleetWithAnApiFallbackShrinksForGood()
    {
        (_, PolicyRun run) = Run(Hold(3), 24, 13,
                                 "pricing={spot: {usd_per_gpu_hour: 3, preemptions_per_node_hour: 2, fallback: api}, base_fleet: spot}");
        Assert.Multiple(() =>
        {
            Assert.That(run.Leases, Has.Count.EqualTo(3));
            Assert.That(run.Preemptions, Is.EqualTo(3));
            Assert.That(run.Serving[^1], Is.EqualTo(0));
        });
    }

    /// <summary>
    /// Correlated preemptions keep the long-run rate: with n ready spot nodes each event takes
    /// b = max(1, ⌈share · n⌉) of them and events come at n · p / b per hour, so nodes are lost at n · p
    /// per hour whatever the share. Here n stays 40 (replacements are instant), p = 0.2 per node-hour,
    /// share 0.25: b = 10, so over 730 h the closed form is 40 · 0.2 · 730 = 5,840 nodes in 584 events;
    /// events are Poisson, so the count falls within 4 σ = 4 √584 ≈ 97 of it.
    /// </summary>
    [TestCase(0.25, 10)]
    [TestCase(0.0, 1)]
    [TestCase(0.01, 1)]
    [TestCase(1.0, 40)]
    public void CorrelatedPreemptionsKeepTheNodesLostPerSpotNodeHour(double share, int batch)
    {
        const int nodes = 40, hours = 730;
        const double p = 0.2;
        (_, PolicyRun run) = Run(Hold(nodes), hours, 17,
                                 $"pricing={{spot: {{usd_per_gpu_hour: 3, preemptions_per_node_hour: {p}, correlated_share: {share}, notice_seconds: 0}}, base_fleet: spot}}",
                                 "scaling.provisioning_minutes=0");
        double expectedEvents = nodes * p * hours / batch;
        IGrouping<double?, NodeLease>[] events = [.. run.Leases.Where(l => l.Preempted).GroupBy(l => l.Ended)];
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Count()), Has.All.EqualTo(batch));
            Assert.That(events.Length, Is.EqualTo(expectedEvents).Within(4 * Math.Sqrt(expectedEvents)));
            Assert.That(run.Preemptions, Is.EqualTo(events.Length * batch));
            Assert.That(run.Serving, Has.All.EqualTo(nodes), "instant replacements: the fleet never shrinks");
        });
    }

    /// <summary>
    /// A reserved base, then up to 2 spot nodes, then on demand: 1 replica all day, 5 from minute 60, 3 from
    /// 180, 1 from 300 (1 replica per 4-GPU node, provisioning 0). At 60 the reserved node serves and 4
    /// nodes are asked for: spot, spot (the cap), on demand, on demand. At 180 the newest two (on demand) are
    /// let go: drained at 181, released 10 min later at 191 (131 min each). At 300 the spot two go: 311
    /// (251 min each). Bill: reserved 4 GPUs × $4 × 24 h = $384; on demand 2 × 4 × $6 × 131/60 = $104.80;
    /// spot 2 × 4 × $3 × 251/60 = $100.40; total $589.20.
    /// </summary>
    [Test]
    public void BurstsFillSpotToItsCapThenGoOnDemand()
    {
        (ScenarioSpec scenario, PolicyRun run) = Run(new Levels([1, 5, 3, 1], [0, 60, 180, 300]), 24, 1,
            "pricing={reserved_nodes: 1, reserved_usd_per_gpu_hour: 4, spot: {usd_per_gpu_hour: 3, max_nodes: 2}, bursts: [spot, on_demand]}",
            "scaling.provisioning_minutes=0");
        NodeLease[] burst = [.. run.Leases.Where(l => l.Kind != NodeKind.Reserved)];
        Assert.Multiple(() =>
        {
            Assert.That(burst.Select(l => (l.Kind, l.Requested, l.Ended)), Is.EqualTo(new[]
            {
                (NodeKind.Spot, 60.0, (double?)311.0), (NodeKind.Spot, 60.0, (double?)311.0),
                (NodeKind.OnDemand, 60.0, (double?)191.0), (NodeKind.OnDemand, 60.0, (double?)191.0),
            }));
            Assert.That(Bill.For(run, new ScenarioPrices(scenario)).SelfHost.Value, Is.EqualTo(384 + 104.8 + 100.4).Within(1e-6));
        });
    }

    [Test]
    public void BurstsOnlyOnSpotStopAtTheCapAndCountTheRest()
    {
        // Up to 5 replicas wanted at minute 60; spot holds 2 nodes beyond the reserved one and on demand is
        // not offered, so 2 of the 4 nodes are refused and the fleet serves 3 replicas.
        (_, PolicyRun run) = Run(new Levels([1, 5], [0, 60], interval: 60), 4, 1,
            "pricing={reserved_nodes: 1, spot: {usd_per_gpu_hour: 3, max_nodes: 2}, bursts: [spot]}", "scaling.provisioning_minutes=0");
        Assert.Multiple(() =>
        {
            Assert.That(run.Leases.Count(l => l.Kind == NodeKind.Spot), Is.EqualTo(2));
            Assert.That(run.Leases.Count(l => l.Kind == NodeKind.OnDemand), Is.EqualTo(0));
            Assert.That(run.Serving[60], Is.EqualTo(3));
            Assert.That(run.DeniedNodes, Is.EqualTo(2));
        });
    }

    [Test]
    public void ASpotBaseBeyondTheCapIsOnDemandInRunAndCompareAlike()
    {
        // 5 replicas on 5 nodes, spot base capped at 3: 3 spot nodes ($12/h each) and 2 on demand ($24/h),
        // no preemptions: (3 × 12 + 2 × 24) × 730 = $61,320 in run and in compare's static row.
        ScenarioSpec s = Scenarios.ConstantLoad(Demand * 2, 5, "fluid",
            "pricing={spot: {usd_per_gpu_hour: 3, max_nodes: 3}, base_fleet: spot}");
        double expected = (3 * 12.0 + 2 * 24.0) * 730;
        Assert.Multiple(() =>
        {
            Assert.That(FleetSim.Runs.ScenarioRun.Of(s).Bill.SelfHost.Value, Is.EqualTo(expected).Within(1e-6));
            Assert.That(FleetSim.Runs.PolicyComparison.Of(s, ["static"])["static"].SelfHost.Value, Is.EqualTo(expected).Within(1e-6));
        });
    }
}
