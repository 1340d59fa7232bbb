using FleetSim.Pricing;
using FleetSim.Economics;
using FleetSim.Fleet;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Kernels;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Engine;

/// <summary>
/// The control plane's bookkeeping: minutes are served lazily (one kernel span per fleet change),
/// a thread's month buffers are reused, and failures run as a clock beside the timeline.
/// </summary>
public class FleetDynamicsTests
{
    /// <summary>Asks for 4 or 6 replicas in turn every 7 minutes, and reads what was served at every decision.</summary>
    private sealed class SeesawPolicy : IScalingPolicy
    {
        public List<(int Minute, double LastServed)> Seen { get; } = [];

        public bool SawUnservedMinute { get; private set; }

        public string Name => "seesaw";

        public double IntervalMinutes => 1;

        public int DesiredReplicas(ScalingContext context)
        {
            ReadOnlySpan<double> served = context.PastServed;
            foreach (double s in served)
            {
                SawUnservedMinute |= double.IsNaN(s);
            }
            if (served.Length > 0)
            {
                Seen.Add((context.Minute, served[^1]));
            }
            return context.Minute / 7 % 2 == 0 ? 4 : 6;
        }
    }

    /// <summary>Asks for 4 replicas, 8 from minute 100, and 4 again from minute 300.</summary>
    private sealed class StepPolicy : IScalingPolicy
    {
        public string Name => "step";

        public double IntervalMinutes => 1;

        public int DesiredReplicas(ScalingContext context) => context.Minute is >= 100 and < 300 ? 8 : 4;
    }

    private static (ScenarioSpec Scenario, DemandSeries Demand, FleetEconomics Economics) Week(params string[] sets)
    {
        ScenarioSpec scenario = Scenarios.Seed(["horizon_hours=168", "scaling.provisioning_minutes=3", .. sets]);
        DemandSeries demand = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        return (scenario, demand, new FleetEconomics(scenario));
    }

    [Test]
    public void APolicyReadingWhatWasServedSeesEveryMinuteAsTheRunFinallyServesIt()
    {
        var (scenario, demand, economics) = Week();
        var buffers = new MonthBuffers(demand.Minutes);
        Array.Fill(buffers.Served, double.NaN);
        var policy = new SeesawPolicy();

        PolicyRun run = FleetDynamics.Run(scenario, demand, policy, economics, 1, buffers);

        double[] final = run.Served.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(policy.SawUnservedMinute, Is.False, "a decision saw a minute the lazy span had not served yet");
            Assert.That(final, Has.None.NaN);
            Assert.That(policy.Seen, Has.Count.EqualTo(demand.Minutes - 1));
            foreach (var (minute, lastServed) in policy.Seen)
            {
                Assert.That(lastServed, Is.EqualTo(final[minute - 1]), $"minute {minute - 1}");
            }
        });
    }

    [Test]
    public void ReusedBuffersGiveTheSameRunAsFreshOnes()
    {
        var (scenario, demand, economics) = Week("scaling.failures={mtbf_hours: 30, mttr_hours: 2}");
        var buffers = new MonthBuffers(demand.Minutes);
        Array.Fill(buffers.Served, 1e9);
        Array.Fill(buffers.Serving, 99);

        PolicyRun fresh = FleetDynamics.Run(scenario, demand, new SeesawPolicy(), economics, 5);
        PolicyRun first = FleetDynamics.Run(scenario, demand, new SeesawPolicy(), economics, 5, buffers);
        double firstTotal = Cost(first);
        PolicyRun again = FleetDynamics.Run(scenario, demand, new SeesawPolicy(), economics, 5, buffers);

        Assert.Multiple(() =>
        {
            Assert.That(firstTotal, Is.EqualTo(Cost(fresh)));
            Assert.That(Cost(again), Is.EqualTo(Cost(fresh)));
            Assert.That(again.Served, Is.EqualTo(fresh.Served).AsCollection);
            Assert.That(again.Serving, Is.EqualTo(fresh.Serving).AsCollection);
            Assert.That(again.Failures, Is.EqualTo(fresh.Failures).And.GreaterThan(0));
        });
    }

    [Test]
    public void LazySpansServeWhatOneKernelCallPerMinuteWould()
    {
        var (scenario, demand, economics) = Week();
        PolicyRun run = FleetDynamics.Run(scenario, demand, new SeesawPolicy(), economics, 1);
        var perMinute = new double[1];
        double sum = 0;
        for (int m = 0; m < demand.Minutes; m++)
        {
            if (run.Serving[m] > 0)
            {
                sum += MinuteEngine.ServeSpan(demand.Rate.Slice(m, 1), economics.RouterFor(run.Serving[m]), perMinute);
            }
        }
        Assert.That(run.SelfHostedTokens.Value, Is.EqualTo(sum * 60).Within(1e-9).Percent);
    }

    /// <summary>
    /// Failures arrive at rate serving/MTBF, so over a run their count less the integral of that rate
    /// (the serving replicas recorded minute by minute) is a martingale with variance equal to the
    /// integral: the count must land within 4 standard deviations of it.
    /// </summary>
    [TestCase("floor")]
    [TestCase("reactive")]
    public void FailuresArriveAtTheServingFleetsRate(string policyName)
    {
        const double mtbfHours = 40;
        ScenarioSpec scenario = Scenarios.Seed($"scaling.failures={{mtbf_hours: {mtbfHours}, mttr_hours: 3}}");
        DemandSeries demand = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        var economics = new FleetEconomics(scenario);
        double failures = 0, expected = 0;
        for (int seed = 1; seed <= 4; seed++)
        {
            IScalingPolicy policy = PolicyFactory.Create(policyName, scenario, demand, economics);
            PolicyRun run = FleetDynamics.Run(scenario, demand, policy, economics, seed);
            failures += run.Failures;
            foreach (int serving in run.Serving)
            {
                expected += serving / (mtbfHours * 60);
            }
        }
        Assert.That(failures, Is.EqualTo(expected).Within(4 * Math.Sqrt(expected)), $"expected {expected:F0}");
    }

    [Test]
    public void AReactivePolicyRunTwiceStartsItsHistoryOver()
    {
        var (scenario, demand, economics) = Week("scaling.reactive.scale_down_window_minutes=30");
        IScalingPolicy reused = PolicyFactory.Create("reactive", scenario, demand, economics);
        PolicyRun first = FleetDynamics.Run(scenario, demand, reused, economics, 1);
        PolicyRun second = FleetDynamics.Run(scenario, demand, reused, economics, 1);
        Assert.Multiple(() =>
        {
            Assert.That(Cost(second), Is.EqualTo(Cost(first)));
            Assert.That(second.Serving, Is.EqualTo(first.Serving).AsCollection);
        });
    }

    [Test]
    public void NodesServeOnceProvisionedAndAreBilledUntilDrained()
    {
        // Provisioning 15 minutes, draining 20: 2 more nodes asked for at minute 100 serve from 115;
        // let go at 300, they stop serving at once, are empty at 320 and, as the cluster autoscaler's
        // scale-down-unneeded-time (10 min) has it, billed until 330.
        ScenarioSpec scenario = Scenarios.Seed("horizon_hours=24", "scaling.provisioning_minutes=15", "scaling.drain_minutes=20");
        DemandSeries demand = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        var economics = new FleetEconomics(scenario);

        PolicyRun run = FleetDynamics.Run(scenario, demand, new StepPolicy(), economics, 1);

        NodeLease[] burst = [.. run.Leases.Where(l => l.Requested > 0)];
        Assert.Multiple(() =>
        {
            Assert.That(run.Serving[114], Is.EqualTo(4));
            Assert.That(run.Serving[115], Is.EqualTo(8));
            Assert.That(run.Serving[299], Is.EqualTo(8));
            Assert.That(run.Serving[300], Is.EqualTo(4));
            Assert.That(run.Serving[^1], Is.EqualTo(4));
            Assert.That(burst, Has.Length.EqualTo(2));
            Assert.That(burst.Select(l => (l.Requested, l.Ready, l.Ended)), Is.All.EqualTo((100.0, 115.0, (double?)330.0)));
            Assert.That(run.Leases.Where(l => l.Requested == 0).Select(l => l.Ended), Is.All.Null, "the base fleet runs on past the end");
            Assert.That(run.Leases.Where(l => l.Requested == 0).Select(l => l.Minutes(1440)), Is.All.EqualTo(1440.0));
        });
    }

    private static double Cost(PolicyRun run) => Bill.For(run, new ScenarioPrices(Scenarios.Seed())).Total.Value;
}
