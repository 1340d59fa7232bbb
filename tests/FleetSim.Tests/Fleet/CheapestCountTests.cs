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
