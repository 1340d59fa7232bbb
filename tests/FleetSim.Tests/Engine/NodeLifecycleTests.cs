using FleetSim.Engine;
using FleetSim.Fleet;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Engine;

/// <summary>
/// The cluster-autoscaler node lifecycle in the fleet dynamics: empty nodes are released only after
/// scale-down-unneeded-time and never within scale-down-delay-after-add of a scale-up, booting nodes
/// boot on and are billed, empty nodes are reused, and decisions come every 15 s. Times worked by hand.
/// </summary>
public class NodeLifecycleTests
{
    /// <summary>Asks for <paramref name="low"/> replicas, <paramref name="high"/> from minute <paramref name="up"/>, <paramref name="low"/> again from <paramref name="down"/>.</summary>
    private sealed class StepPolicy(int low, int high, double up, double down, double interval = 1) : IScalingPolicy
    {
        public List<double> Times { get; } = [];

        public string Name => "step";

        public double IntervalMinutes => interval;

        public int DesiredReplicas(ScalingContext context)
        {
            Times.Add(context.Time);
            return context.Time >= up && context.Time < down ? high : low;
        }
    }

    private static PolicyRun Run(IScalingPolicy policy, params string[] sets)
    {
        ScenarioSpec scenario = Scenarios.Seed(["horizon_hours=24", .. sets]);
        DemandSeries demand = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        return FleetDynamics.Run(scenario, demand, policy, new FleetEconomics(scenario), 1);
    }

    private static NodeLease[] Burst(PolicyRun run) => [.. run.Leases.Where(l => l.Requested > 0)];

    [Test]
    public void AnEmptyNodeIsReleasedAfterTheUnneededTimeOnceTheDrainEnds()
    {
        // 2 more nodes asked at 100 serve from 115; let go at 300, they stop serving at once, are empty at
        // 301 (drain 1 min) and released 10 min later (scale-down-unneeded-time), at 311; the scale-up at 100
        // is long past its 10 min delay.
        PolicyRun run = Run(new StepPolicy(4, 8, 100, 300), "scaling.provisioning_minutes=15");
        Assert.Multiple(() =>
        {
            Assert.That(run.Serving[299], Is.EqualTo(8));
            Assert.That(run.Serving[300], Is.EqualTo(4));
            Assert.That(Burst(run).Select(l => (l.Requested, l.Ready, l.Ended)), Is.All.EqualTo((100.0, 115.0, (double?)311.0)));
        });
    }

    [Test]
    public void NoNodeIsReleasedWithinTheDelayAfterAScaleUp()
    {
        // Up at 100 (instant provisioning), down at 102: empty at 103, unneeded until 113, but the scale-up
        // at 100 holds every release until 100 + 30 = 130 with scale_down_delay_after_add_minutes 30.
        PolicyRun run = Run(new StepPolicy(4, 8, 100, 102), "scaling.provisioning_minutes=0", "scaling.scale_down_delay_after_add_minutes=30");
        Assert.That(Burst(run).Select(l => l.Ended), Is.All.EqualTo((double?)130.0));
    }

    [Test]
    public void ANodeNoLongerWantedWhileBootingBootsOnAndIsBilledUntilItsRelease()
    {
        // Asked at 100, not wanted from 105, ready at 115 with nothing to serve: empty from 115, released at
        // 125 (unneeded 10 min; the delay after the add at 100 ended at 110). It never served and is billed 25 min.
        PolicyRun run = Run(new StepPolicy(4, 8, 100, 105), "scaling.provisioning_minutes=15");
        NodeLease[] burst = Burst(run);
        Assert.Multiple(() =>
        {
            Assert.That(run.Serving.Skip(100).Take(30), Has.All.EqualTo(4));
            Assert.That(burst.Select(l => (l.Requested, l.Ended)), Is.All.EqualTo((100.0, (double?)125.0)));
            Assert.That(burst.Select(l => l.Minutes(1440)), Is.All.EqualTo(25.0));
        });
    }

    [Test]
    public void AnEmptyNodeWantedAgainServesAtOnceWithoutANewLease()
    {
        // Down at 300, up again at 305 (before the release at 311): the two empty nodes serve again at 305.
        var policy = new StepPolicy(4, 8, 100, 300);
        PolicyRun run = Run(new SeesawOf(policy, 305), "scaling.provisioning_minutes=15");
        Assert.Multiple(() =>
        {
            Assert.That(Burst(run), Has.Length.EqualTo(2), "no node asked for again");
            Assert.That(run.Serving[304], Is.EqualTo(4));
            Assert.That(run.Serving[305], Is.EqualTo(8));
        });
    }

    /// <summary>The step policy, wanting the high count again from <paramref name="again"/>.</summary>
    private sealed class SeesawOf(StepPolicy step, double again) : IScalingPolicy
    {
        public string Name => "seesaw";

        public double IntervalMinutes => step.IntervalMinutes;

        public int DesiredReplicas(ScalingContext context) => context.Time >= again ? 8 : step.DesiredReplicas(context);
    }

    [Test]
    public void WithoutTheClusterAutoscalersWaitsANodeGoesWhenItsDrainEnds()
    {
        PolicyRun run = Run(new StepPolicy(4, 8, 100, 300), "scaling.provisioning_minutes=15", "scaling.drain_minutes=20",
                            "scaling.scale_down_unneeded_minutes=0", "scaling.scale_down_delay_after_add_minutes=0");
        Assert.That(Burst(run).Select(l => l.Ended), Is.All.EqualTo((double?)320.0));
    }

    [Test]
    public void DecisionsComeEveryFifteenSecondsAndNodesAreAskedForAtThatInstant()
    {
        // A policy on a 15 s sync is asked at every quarter minute; a node asked at 100.25 is billed from then.
        var policy = new StepPolicy(4, 8, 100.25, 300, interval: 0.25);
        PolicyRun run = Run(policy, "scaling.provisioning_minutes=15");
        Assert.Multiple(() =>
        {
            Assert.That(policy.Times.Take(6), Is.EqualTo(new[] { 0, 0.25, 0.5, 0.75, 1.0, 1.25 }));
            Assert.That(policy.Times, Has.Count.EqualTo(1440 * 4));
            Assert.That(Burst(run).Select(l => (l.Requested, l.Ready)), Is.All.EqualTo((100.25, 115.25)));
            Assert.That(run.Serving[114], Is.EqualTo(4));
            Assert.That(run.Serving[115], Is.EqualTo(8), "ready at 115.25 counts from the nearest minute");
        });
    }

    [Test]
    public void SkippingTheDecisionsAPolicySaysWouldRepeatChangesNothing()
    {
        // The reactive policy marks the decisions that would repeat the last one; the same policy asked
        // at every one of them gives the same month to the token and the lease.
        string[] sets = ["horizon_hours=168", "traffic.noise={minute_cv: 0.3, minute_correlation: 0.8}", "scaling.failures={mtbf_hours: 100, mttr_hours: 2}"];
        // The default behavior, and slow rate limits that hold the scale on their own.
        string[] slow = ["scaling.reactive.scale_down={stabilization_window_seconds: 45, policies: [{type: Pods, value: 1, period_seconds: 120}]}",
                         "scaling.reactive.scale_up={stabilization_window_seconds: 30, policies: [{type: Pods, value: 1, period_seconds: 90}]}"];
        foreach (var (metric, behavior) in new[] { ("busy_share", ""), ("offered_load", ""), ("busy_share", "slow"), ("offered_load", "slow") })
        {
            ScenarioSpec scenario = Scenarios.Seed([.. sets, $"scaling.reactive.metric={metric}", "scaling.reactive.target_utilization=0.7",
                                                    .. behavior == "slow" ? slow : []]);
            DemandSeries expected = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
            DemandSeries month = DemandBuilder.Realize(expected, scenario.Traffic.Noise, 3);
            var economics = new FleetEconomics(scenario);
            PolicyRun skipping = FleetDynamics.Run(scenario, month, PolicyFactory.Create("reactive", scenario, expected, economics), economics, 2);
            PolicyRun every = FleetDynamics.Run(scenario, month, new AskedEveryTime(PolicyFactory.Create("reactive", scenario, expected, economics)), economics, 2);
            Assert.Multiple(() =>
            {
                Assert.That(skipping.Serving, Is.EqualTo(every.Serving).AsCollection, metric);
                Assert.That(skipping.SelfHostedTokens, Is.EqualTo(every.SelfHostedTokens), metric);
                Assert.That(skipping.Leases.Select(l => (l.Requested, l.Ended)), Is.EqualTo(every.Leases.Select(l => (l.Requested, l.Ended))), metric);
            });
        }
    }

    /// <summary>Hides a policy's promise to repeat itself, so the engine asks it at every decision.</summary>
    private sealed class AskedEveryTime(IScalingPolicy inner) : IScalingPolicy
    {
        public string Name => inner.Name;

        public double IntervalMinutes => inner.IntervalMinutes;

        public int DesiredReplicas(ScalingContext context)
        {
            int desired = inner.DesiredReplicas(context);
            context.SameAnswerUntil = context.Time;
            return desired;
        }
    }

    [Test]
    public void AFleetThatScalesToZeroLeasesNoNodeThroughALongQuietSpell()
    {
        // Demand only from hour 0 to 6 of each day (weekday shape with zeros): with min_replicas 0 the fleet
        // goes to zero after KEDA's 5 min cooldown, the HPA's 5 min window and the node's 10 min unneeded time.
        string hourly = "[1,1,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]";
        PolicyRun run = Run(PolicyFromScenario("reactive", $"traffic.daily_shape={{hourly: {hourly}}}", "scaling.reactive.min_replicas=0",
                                               "scaling.reactive.metric=offered_load"),
                            $"traffic.daily_shape={{hourly: {hourly}}}", "scaling.reactive.min_replicas=0", "scaling.reactive.metric=offered_load");
        Assert.Multiple(() =>
        {
            Assert.That(run.Serving.Skip(7 * 60).Take(17 * 60), Has.All.EqualTo(0), "nothing serves from 07:00");
            Assert.That(run.Leases.Where(l => l.Ended is null || l.Ended > 7 * 60), Is.Empty, "no node leased after 07:00");
            Assert.That(run.Serving.Take(6 * 60).Skip(1), Has.All.GreaterThan(0), "the fleet serves while there is demand");
        });
    }

    private static IScalingPolicy PolicyFromScenario(string name, params string[] sets)
    {
        ScenarioSpec scenario = Scenarios.Seed(["horizon_hours=24", .. sets]);
        DemandSeries demand = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        return PolicyFactory.Create(name, scenario, demand, new FleetEconomics(scenario));
    }
}
