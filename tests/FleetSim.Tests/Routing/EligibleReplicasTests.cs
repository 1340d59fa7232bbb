using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Tests.Routing;

/// <summary>
/// The kept set of eligible replicas picks by the same law as a look at every replica, at fleet
/// sizes where it is used instead of one (above <see cref="EligibleReplicas{TState}.ScanLimit"/>).
/// Expected values are worked out here from the fleet the test sets up, not read off a run.
/// </summary>
public class EligibleReplicasTests
{
    /// <summary>A fleet the test sets by hand: replica r is eligible when allowed and from <c>From[r]</c> on.</summary>
    private readonly record struct HandSet(bool[] Allowed, double[] From, int[] Loads) : IReplicaState
    {
        public static HandSet Of(int replicas) => new(new bool[replicas], new double[replicas], new int[replicas]);

        public bool Eligible(int replica, double now) => Allowed[replica] && From[replica] <= now;

        public int Load(int replica, double now) => Loads[replica];
    }

    private static EligibleReplicas<HandSet> Keep(HandSet fleet, ReplicaChoice choice, IReadOnlyList<double>? weights = null, int seed = 1) =>
        new(fleet, choice, fleet.Allowed.Length, weights, new Random(seed));

    [Test]
    public void SimpleShuffleIsUniformAmongTheEligibleOfAThousand()
    {
        const int n = 1_000, draws = 400_000;
        HandSet fleet = HandSet.Of(n);
        EligibleReplicas<HandSet> kept = Keep(fleet, ReplicaChoice.SimpleShuffle);
        // Every replica starts out not allowed; then every third is allowed, and of those every
        // seventh is withdrawn again, so the set has been added to and taken from in no simple order.
        for (int r = 0; r < n; r++)
        {
            fleet.Allowed[r] = r % 3 == 0;
            kept.Refresh(r, 0);
        }
        for (int r = 0; r < n; r += 21)
        {
            fleet.Allowed[r] = false;
            kept.Refresh(r, 0);
        }
        int eligible = Enumerable.Range(0, n).Count(r => r % 3 == 0 && r % 21 != 0);
        var counts = new int[n];
        for (int i = 0; i < draws; i++)
        {
            counts[kept.Pick(0)]++;
        }
        // Pearson's χ² over the eligible replicas, k − 1 degrees of freedom: mean k − 1, sd √(2(k − 1)).
        double expected = draws / (double)eligible;
        double chiSquare = Enumerable.Range(0, n).Where(r => r % 3 == 0 && r % 21 != 0)
                                     .Sum(r => (counts[r] - expected) * (counts[r] - expected) / expected);
        int df = eligible - 1;
        Assert.Multiple(() =>
        {
            Assert.That(kept.Count(0), Is.EqualTo(eligible));
            Assert.That(Enumerable.Range(0, n).Where(r => r % 3 != 0 || r % 21 == 0).Sum(r => counts[r]), Is.Zero);
            Assert.That(chiSquare, Is.EqualTo(df).Within(5 * Math.Sqrt(2.0 * df)));
        });
    }

    [Test]
    public void WeightedShuffleDrawsInProportionToWeightAmongTheEligible()
    {
        const int n = 1_000, draws = 400_000;
        HandSet fleet = HandSet.Of(n);
        // Weight r + 1; the odd replicas are eligible. Ten groups of a hundred replicas: group g's
        // eligible weight is Σ (r + 1) over its odd r = Σ over even r + 1 from 100g + 2 to 100g + 100.
        double[] weights = [.. Enumerable.Range(0, n).Select(r => r + 1.0)];
        for (int r = 0; r < n; r++)
        {
            fleet.Allowed[r] = r % 2 == 1;
        }
        EligibleReplicas<HandSet> kept = Keep(fleet, ReplicaChoice.SimpleShuffle, weights, seed: 2);
        var groups = new int[10];
        for (int i = 0; i < draws; i++)
        {
            int r = kept.Pick(0);
            Assert.That(r % 2, Is.EqualTo(1));
            groups[r / 100]++;
        }
        double total = 0;
        var groupWeight = new double[10];
        for (int g = 0; g < 10; g++)
        {
            // 50 even numbers 100g + 2, …, 100g + 100: their sum is 50 · (100g + 51).
            groupWeight[g] = 50.0 * (100 * g + 51);
            total += groupWeight[g];
        }
        Assert.Multiple(() =>
        {
            for (int g = 0; g < 10; g++)
            {
                double p = groupWeight[g] / total;
                double se = Math.Sqrt(p * (1 - p) / draws);
                Assert.That(groups[g] / (double)draws, Is.EqualTo(p).Within(5 * se), $"group {g}");
            }
        });
    }

    [Test]
    public void LeastBusyTakesTheSmallestLoadAndTheLowestIndexAsReplicasComeAndGo()
    {
        const int n = 2_000;
        HandSet fleet = HandSet.Of(n);
        var random = new Random(7);
        for (int r = 0; r < n; r++)
        {
            fleet.Allowed[r] = random.NextDouble() < 0.8;
            fleet.Loads[r] = random.Next(0, 9);
        }
        EligibleReplicas<HandSet> kept = Keep(fleet, ReplicaChoice.LeastBusy);
        double now = 0;
        for (int step = 0; step < 20_000; step++)
        {
            now += random.NextDouble();
            // Change a few replicas at once, and make one eligible only later (woken then).
            for (int c = 0; c < 3; c++)
            {
                int r = random.Next(n);
                fleet.Allowed[r] = random.NextDouble() < 0.8;
                fleet.Loads[r] = random.Next(0, 9);
                kept.Refresh(r, now);
            }
            int late = random.Next(n);
            fleet.From[late] = now + 5 * random.NextDouble();
            kept.Refresh(late, now);
            kept.WakeAt(late, fleet.From[late]);
            int expected = -1;
            for (int r = 0; r < n; r++)
            {
                if (fleet.Allowed[r] && fleet.From[r] <= now && (expected < 0 || fleet.Loads[r] < fleet.Loads[expected]))
                {
                    expected = r;
                }
            }
            int picked = kept.Pick(now);
            if (picked != expected)
            {
                Assert.Fail($"step {step}: picked {picked}, the leftmost least-busy eligible replica is {expected}");
            }
        }
    }

    [Test]
    public void AReplicaWokenLaterIsEligibleFromItsTimeAndNotBefore()
    {
        const int n = 100;
        HandSet fleet = HandSet.Of(n);
        for (int r = 0; r < n; r++)
        {
            fleet.Allowed[r] = true;
            fleet.From[r] = r; // replica r is eligible from second r
        }
        EligibleReplicas<HandSet> kept = Keep(fleet, ReplicaChoice.SimpleShuffle, start: 0);
        for (int r = 1; r < n; r++)
        {
            kept.WakeAt(r, r);
        }
        Assert.Multiple(() =>
        {
            Assert.That(kept.Count(0), Is.EqualTo(1));
            Assert.That(kept.Count(9.5), Is.EqualTo(10));
            Assert.That(kept.Count(99), Is.EqualTo(100));
            Assert.That(Enumerable.Range(0, 1_000).Select(_ => kept.Pick(99)).Distinct().Count(), Is.EqualTo(100));
        });
    }

    [Test]
    public void NoneEligibleGivesNoReplica()
    {
        foreach (ReplicaChoice choice in new[] { ReplicaChoice.SimpleShuffle, ReplicaChoice.LeastBusy })
        {
            EligibleReplicas<HandSet> kept = Keep(HandSet.Of(500), choice);
            Assert.That(kept.Pick(0), Is.EqualTo(-1), choice.ToString());
        }
    }

    private static EligibleReplicas<HandSet> Keep(HandSet fleet, ReplicaChoice choice, double start) =>
        new(fleet, choice, fleet.Allowed.Length, null, new Random(3), start);
}
