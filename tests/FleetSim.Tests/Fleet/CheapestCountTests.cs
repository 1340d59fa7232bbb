using FleetSim.Fleet;

namespace FleetSim.Tests.Fleet;

public class CheapestCountTests
{
    private readonly struct Table(double[] costs) : ICountCost
    {
        public double Cost(int count) => costs[count];
    }

    /// <summary>Stepping up from 0, keeping a count only when it is cheaper than the best so far by more than the tolerance.</summary>
    private static int Stepped(double[] costs, double tolerance)
    {
        int best = 0;
        for (int k = 1; k < costs.Length; k++)
        {
            if (costs[k] < costs[best] - tolerance)
            {
                best = k;
            }
        }
        return best;
    }

    [Test]
    public void FindsWhatSteppingFindsOnConvexCosts()
    {
        var random = new Random(15);
        for (int trial = 0; trial < 2_000; trial++)
        {
            // Rent a per count, plus a convex, falling API bill: b·e^{−k/s} (a fleet's spill falls off).
            int max = random.Next(0, 400);
            double rent = random.NextDouble() * 10, api = random.NextDouble() * 5_000, scale = 1 + random.NextDouble() * 80;
            double[] costs = [.. Enumerable.Range(0, max + 1).Select(k => rent * k + api * Math.Exp(-k / scale))];
            Assert.That(CheapestCount.Find(new Table(costs), max, 1e-9), Is.EqualTo(Stepped(costs, 1e-9)),
                        $"trial {trial}: max {max}, rent {rent}, api {api}, scale {scale}");
        }
    }

    /// <summary>A hint only shortens the search: from any start, below, at or past the answer or the range, the same count as stepping.</summary>
    [Test]
    public void AHintFindsTheSameCountFromAnywhere()
    {
        var random = new Random(16);
        for (int trial = 0; trial < 2_000; trial++)
        {
            int max = random.Next(0, 400);
            double rent = random.NextDouble() * 10, api = random.NextDouble() * 5_000, scale = 1 + random.NextDouble() * 80;
            double[] costs = [.. Enumerable.Range(0, max + 1).Select(k => rent * k + api * Math.Exp(-k / scale))];
            int expected = Stepped(costs, 1e-9);
            foreach (int near in new[] { 0, max, expected, expected - 1, expected + 1, random.Next(-5, max + 6), int.MaxValue, int.MinValue })
            {
                Assert.That(CheapestCount.Find(new Table(costs), max, 1e-9, near), Is.EqualTo(expected),
                            $"trial {trial}: max {max}, hint {near}, rent {rent}, api {api}, scale {scale}");
            }
        }
        double[] flat = [10, 6, 3, 3, 3, 4, 9];
        Assert.That(Enumerable.Range(-1, 9).Select(h => CheapestCount.Find(new Table(flat), 6, 1e-9, h)), Is.All.EqualTo(2), "a flat bottom still goes to the fewest");
    }

    /// <summary>Near the answer the gallop asks few costs: a hint 3 counts off a 100,000-count range takes far fewer than a bisection's 34.</summary>
    [Test]
    public void AGoodHintAsksFewCosts()
    {
        double[] costs = [.. Enumerable.Range(0, 100_001).Select(k => 2.0 * k + 1e6 * Math.Exp(-k / 5_000.0))];
        int answer = Stepped(costs, 1e-9);
        var counted = new Counted(costs);
        CheapestCount.Find(counted, costs.Length - 1, 1e-9, answer + 3);
        Assert.That(counted.Asked[0], Is.LessThanOrEqualTo(12));
    }

    private readonly struct Counted(double[] costs) : ICountCost
    {
        public int[] Asked { get; } = [0];

        public double Cost(int count)
        {
            Asked[0]++;
            return costs[count];
        }
    }

    [Test]
    public void FlatStretchesGoToFewer()
    {
        // Falls to 2, then flat, then rises: the fewest of the cheapest.
        double[] costs = [10, 6, 3, 3, 3, 4, 9];
        Assert.That(CheapestCount.Find(new Table(costs), costs.Length - 1, 1e-9), Is.EqualTo(2));
    }

    [Test]
    public void EndsOfTheRange()
    {
        double[] falling = [.. Enumerable.Range(0, 50).Select(k => 100.0 - k)];
        double[] rising = [.. Enumerable.Range(0, 50).Select(k => 1.0 + k)];
        Assert.Multiple(() =>
        {
            Assert.That(CheapestCount.Find(new Table(falling), 49, 1e-9), Is.EqualTo(49), "every count pays: the most allowed");
            Assert.That(CheapestCount.Find(new Table(rising), 49, 1e-9), Is.EqualTo(0), "none pays: none");
            Assert.That(CheapestCount.Find(new Table([5.0]), 0, 1e-9), Is.EqualTo(0), "nothing to search");
            Assert.That(() => CheapestCount.Find(new Table(rising), -1, 1e-9), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void AsksAboutTwiceTheLogarithmOfTheRange()
    {
        var counting = new Counting();
        int found = CheapestCount.Find(counting, 1_000_000, 1e-9);
        Assert.Multiple(() =>
        {
            Assert.That(found, Is.EqualTo(700_000));
            Assert.That(counting.Asked, Is.LessThanOrEqualTo(2 * 20 + 2), "2·⌈log₂ 1,000,000⌉ costs, not a million");
        });
    }

    /// <summary>(k − 700,000)², counting how often it is asked.</summary>
    private sealed class Counting : ICountCost
    {
        public int Asked { get; private set; }

        public double Cost(int count)
        {
            Asked++;
            return Math.Pow(count - 700_000.0, 2);
        }
    }
}
