using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Scaling;

/// <summary>
/// The reactive policy decided alone, on a <see cref="ScalingContext"/> built from arrays, against
/// values worked out by hand from Kubernetes' and KEDA's rules (and against <see cref="ReferenceHpa"/>,
/// an independent reading of the HPA source).
/// </summary>
public class ReactiveHpaTests
{
    /// <summary>A reactive policy and a context over <paramref name="minutes"/> minutes of the given per-minute data.</summary>
    private sealed class Bench
    {
        public Bench(int minutes, params string[] sets)
        {
            Scenario = Scenarios.Seed(sets);
            Economics = new FleetEconomics(Scenario);
            Policy = (ReactivePolicy)PolicyFactory.Create("reactive", Scenario, DemandBuilder.Build(Scenario.Traffic, Scenario.Horizon), Economics);
            Demand = new double[minutes];
            Served = new double[minutes];
            Serving = new int[minutes];
            Context = new ScalingContext(Economics, Demand, Served, Serving, 15);
        }

        public ScenarioSpec Scenario { get; }

        public FleetEconomics Economics { get; }

        public ReactivePolicy Policy { get; }

        public double[] Demand { get; }

        public double[] Served { get; }

        public int[] Serving { get; }

        public ScalingContext Context { get; }

        /// <summary>tok/s of one replica at full concurrency.</summary>
        public double Throughput => Scenario.Replica.Throughput.Value;

        /// <summary>One decision at <paramref name="seconds"/> with the scale at <paramref name="current"/> replicas, all serving.</summary>
        public int At(long seconds, int current, int? serving = null) =>
            Policy.DesiredReplicas(Context.At(seconds / 60.0, serving ?? current, current));

        /// <summary>Decides every 15 s from <paramref name="from"/> to <paramref name="to"/> seconds, the scale following each answer; the answers by time.</summary>
        public SortedDictionary<long, int> Run(long from, long to, int start)
        {
            var answers = new SortedDictionary<long, int>();
            int current = start;
            for (long t = from; t <= to; t += 15)
            {
                current = At(t, current);
                answers[t] = current;
            }
            return answers;
        }
    }

    [TestCase("busy_share")]
    [TestCase("offered_load")]
    public void AtTenReplicasARatioOf108LeavesTheScaleAndOf112AsksForTwelve(string metric)
    {
        // HPA: desired = ceil(10 × ratio) unless |ratio − 1| ≤ 0.1. 1.08 is inside the band; ceil(11.2) = 12.
        foreach (var (ratio, expected) in new[] { (1.08, 10), (1.12, 12), (0.85, 9) })
        {
            var b = new Bench(10, $"scaling.reactive.metric={metric}", "scaling.reactive.scale_down={stabilization_window_seconds: 0}");
            double perReplica = ratio * 0.8 * b.Throughput; // target 0.8 of a replica's tok/s
            b.Serving[0] = 10;
            b.Served[0] = 10 * perReplica;
            b.Demand[0] = 10 * perReplica;
            Assert.That(b.At(60, 10), Is.EqualTo(expected), $"{metric}, ratio {ratio}");
        }
    }

    [Test]
    public void AScaleDownWaitsOutThreeHundredSecondsAndTakesTheHighestRecommendationInTheWindow()
    {
        // Offered load recommends 10 while minute 0's demand is read (t = 60..105 s), 8 for minute 1's
        // (120..165 s), 6 from then on. The last 10 was recorded at 105 s: it stays in the 300 s window while
        // t − 300 < 105, so the scale holds 10 until t = 405; then the highest left is 8 (last at 165 s,
        // until t = 465), then 6.
        var b = new Bench(20, "scaling.reactive.metric=offered_load");
        double perReplica = 0.8 * b.Throughput;
        b.Demand[0] = 10 * perReplica;
        b.Demand[1] = 8 * perReplica;
        for (int m = 2; m < 20; m++)
        {
            b.Demand[m] = 6 * perReplica;
        }
        SortedDictionary<long, int> answers = b.Run(60, 600, 10);
        Assert.Multiple(() =>
        {
            foreach (var (t, desired) in answers)
            {
                int expected = t < 405 ? 10 : t < 465 ? 8 : 6;
                Assert.That(desired, Is.EqualTo(expected), $"t = {t} s");
            }
        });
    }

    [Test]
    public void AScaleUpAddsAtMostTheLargerOfOneHundredPercentAndFourPodsPerFifteenSeconds()
    {
        // From 2 replicas with 100 recommended: each 15 s the period's start is the current count
        // (the last event is exactly 15 s old, outside the period), so max(2n, n + 4): 6, 12, 24, 48, 96; at 96
        // the offered load is 99.5/96 = 1.04 of the target, inside the tolerance, so it stays.
        var b = new Bench(10, "scaling.reactive.metric=offered_load");
        Array.Fill(b.Demand, 99.5 * 0.8 * b.Throughput);
        SortedDictionary<long, int> answers = b.Run(60, 150, 2);
        Assert.That(answers.Values, Is.EqualTo(new[] { 6, 12, 24, 48, 96, 96, 96 }));
    }

    [Test]
    public void TwoScaleUpsInsideOnePeriodShareItsLimit()
    {
        // Pods 4 per 60 s alone: 2 → 6 at 60 s; at 75 s the period (after 15 s) already added 4, so its start
        // is 2 and the limit 6 again; from 120 s (the 60 s event has left) 6 → 10.
        var b = new Bench(10, "scaling.reactive.metric=offered_load", "scaling.reactive.scale_up={policies: [{type: Pods, value: 4, period_seconds: 60}]}");
        Array.Fill(b.Demand, 99.5 * 0.8 * b.Throughput);
        SortedDictionary<long, int> answers = b.Run(60, 180, 2);
        Assert.That(answers.Values, Is.EqualTo(new[] { 6, 6, 6, 6, 10, 10, 10, 10, 14 }));
    }

    [Test]
    public void ToleranceIsPerDirection()
    {
        // Up tolerance 0.5: a ratio of 1.3 is inside it. Down tolerance 0.05: 0.9 is outside, ceil(9) = 9.
        foreach (var (ratio, expected) in new[] { (1.3, 10), (1.6, 16), (0.9, 9), (0.96, 10) })
        {
            var b = new Bench(5, "scaling.reactive.metric=offered_load",
                              "scaling.reactive.scale_up={tolerance: 0.5}", "scaling.reactive.scale_down={tolerance: 0.05, stabilization_window_seconds: 0}");
            b.Demand[0] = 10 * ratio * 0.8 * b.Throughput;
            Assert.That(b.At(60, 10), Is.EqualTo(expected), $"ratio {ratio}");
        }
    }

    [Test]
    public void PendingPodsCountAsIdleOnAScaleUpOfTheBusyShare()
    {
        // 10 serving at busy 0.95 (ratio 1.1875 to 0.8) with 2 more asked for and still booting: the HPA
        // counts those 2 at 0, so the ratio is 0.95 × 10 / (0.8 × 12) = 0.99, inside the band: hold 12.
        var b = new Bench(5);
        b.Serving[0] = 10;
        b.Served[0] = 0.95 * 10 * b.Throughput;
        Assert.Multiple(() =>
        {
            Assert.That(b.At(60, 12, serving: 10), Is.EqualTo(12));
            // Without pending pods, from 10: ceil(1.1875 × 10) = 12.
            var fresh = new Bench(5);
            fresh.Serving[0] = 10;
            fresh.Served[0] = 0.95 * 10 * fresh.Throughput;
            Assert.That(fresh.At(60, 10), Is.EqualTo(12));
        });
    }

    [Test]
    public void TheBusyShareCannotAskForMoreThanOneOverTheTarget()
    {
        // Demand 3× capacity: the replicas are all busy (share 1), so the ratio is 1/0.8 = 1.25 and 10 → 13,
        // where the offered load (ratio 3.75) asks for ceil(37.5) = 38, limited to max(2×10, 10+4) = 20 in 15 s.
        var busy = new Bench(5);
        busy.Serving[0] = 10;
        busy.Served[0] = 10 * busy.Throughput;
        busy.Demand[0] = 30 * busy.Throughput;
        var offered = new Bench(5, "scaling.reactive.metric=offered_load");
        offered.Demand[0] = 30 * offered.Throughput;
        Assert.Multiple(() =>
        {
            Assert.That(busy.At(60, 10), Is.EqualTo(13));
            Assert.That(offered.At(60, 10), Is.EqualTo(20));
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void EveryDecisionAgreesWithAnIndependentReadingOfTheHpaSource(int seed)
    {
        var random = new Random(seed);
        string Select() => random.Next(4) switch { 0 => "Min", 1 => "Disabled", _ => "Max" };
        (ReferenceHpa.Policy Policy, string Yaml) Policy()
        {
            bool pods = random.Next(2) == 0;
            int value = pods ? 1 + random.Next(6) : 10 * (1 + random.Next(15));
            int period = 15 * (1 + random.Next(8));
            return (new ReferenceHpa.Policy(pods, value, period), $"{{type: {(pods ? "Pods" : "Percent")}, value: {value}, period_seconds: {period}}}");
        }
        (ReferenceHpa.Rules Rules, string Yaml) Rules()
        {
            int window = 15 * random.Next(25);
            string select = Select();
            var policies = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Policy()).ToArray();
            return (new ReferenceHpa.Rules(window, select, [.. policies.Select(p => p.Policy)]),
                    $"{{stabilization_window_seconds: {window}, select_policy: {select}, policies: [{string.Join(", ", policies.Select(p => p.Yaml))}]}}");
        }
        var (up, upYaml) = Rules();
        var (down, downYaml) = Rules();
        int min = 1 + random.Next(3), max = 20 + random.Next(40);
        var b = new Bench(200, "scaling.reactive.metric=offered_load", $"scaling.reactive.scale_up={upYaml}", $"scaling.reactive.scale_down={downYaml}",
                          $"scaling.reactive.min_replicas={min}", $"scaling.reactive.max_replicas={max}", "scaling.reactive.tolerance=0");
        var reference = new ReferenceHpa(up, down, min, max);
        // A recommendation per minute: ceil(demand / (0.8 × tok/s)), the demand a whole number of target loads less a little.
        int[] recommended = [.. Enumerable.Range(0, 200).Select(_ => 1 + random.Next(70))];
        for (int m = 0; m < 200; m++)
        {
            b.Demand[m] = (recommended[m] - 0.5) * 0.8 * b.Throughput;
        }
        int current = Math.Clamp(10, min, max), expected = current;
        Assert.Multiple(() =>
        {
            for (long t = 60; t < 200 * 60; t += 15)
            {
                int minute = (int)(t / 60);
                expected = reference.Decide(t, expected, recommended[minute - 1]);
                current = b.At(t, current);
                Assert.That(current, Is.EqualTo(expected), $"t = {t} s, recommended {recommended[minute - 1]}");
                if (current != expected)
                {
                    break;
                }
            }
        });
    }

    [Test]
    public void TheLastReplicaGoesOnlyAfterTheCooldownWithoutDemandAndComesBackOnTheFirstDemand()
    {
        // KEDA, min_replicas 0: polls every 30 s (from the start), active while the last minute had demand.
        // Demand in minutes 0-4 and from 15: the last active poll is at 330 s (it reads minute 4); the scale
        // goes to zero at the first poll with 330 + 300 < t, i.e. 660 s. Minute 15's demand is read from
        // 960 s, whose poll brings one replica back.
        var b = new Bench(30, "scaling.reactive.metric=offered_load", "scaling.reactive.min_replicas=0");
        for (int m = 0; m < 30; m++)
        {
            b.Demand[m] = m is < 5 or >= 15 ? 3 * 0.8 * b.Throughput : 0;
        }
        int current = b.Policy.DesiredReplicas(b.Context.At(0, 0, 0));
        var answers = new SortedDictionary<long, int> { [0] = current };
        for (long t = 15; t <= 1200; t += 15)
        {
            current = b.At(t, current);
            answers[t] = current;
        }
        Assert.Multiple(() =>
        {
            Assert.That(answers[0], Is.EqualTo(3), "the fleet before the horizon carried minute 0's demand at the target");
            Assert.That(answers.Where(a => a.Key < 660).Select(a => a.Value), Has.All.GreaterThan(0), "no zero before the cooldown");
            Assert.That(answers.Where(a => a.Key is >= 660 and < 960).Select(a => a.Value), Has.All.EqualTo(0));
            Assert.That(answers[960], Is.GreaterThanOrEqualTo(1), "the first poll that sees demand wakes the fleet");
        });
    }

    [Test]
    public void WithoutScaleToZeroTheFleetStaysAtMinReplicas()
    {
        var b = new Bench(30, "scaling.reactive.metric=offered_load");
        SortedDictionary<long, int> answers = b.Run(60, 1200, 3);
        Assert.That(answers.Values.Last(), Is.EqualTo(1));
    }
}
