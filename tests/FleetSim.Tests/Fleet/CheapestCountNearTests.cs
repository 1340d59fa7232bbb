using FleetSim.Fleet;

namespace FleetSim.Tests.Fleet;

/// <summary>
/// <see cref="CheapestCount.FindNear"/> against a scan of the counts in turn (the first count whose next is
/// not cheaper by more than the tolerance), from good and bad guesses, on convex costs exact and with
/// rounding-sized noise; and how few costs it asks for from a near guess.
/// </summary>
public class CheapestCountNearTests
{
    /// <summary>Costs from a table, counting how often each is asked (a memory of its own, as FleetEconomics keeps one).</summary>
    private sealed class Table(double[] costs) : ICountCost
    {
        private readonly HashSet<int> _asked = [];

        public int Distinct => _asked.Count;

        public double Cost(int count)
        {
            _asked.Add(count);
            return costs[count];
        }
    }

    /// <summary>The first k in [0, max) with cost(k + 1) ≥ cost(k) − tolerance, else max: read off the table in turn.</summary>
    private static int FirstNotCheaper(double[] costs, double tolerance)
    {
        for (int k = 0; k + 1 < costs.Length; k++)
        {
            if (costs[k + 1] >= costs[k] - tolerance)
            {
                return k;
            }
        }
        return costs.Length - 1;
    }

    /// <summary>Rent per count plus a falling, convex API bill b·e^{−k/s}, the shape of a fleet's span cost.</summary>
    private static double[] Convex(Random random, int max, out double scale)
    {
        double rent = 0.1 + random.NextDouble() * 10, api = random.NextDouble() * 50_000;
        double s = scale = 1 + random.NextDouble() * Math.Max(1, max / 4.0);
        return [.. Enumerable.Range(0, max + 1).Select(k => rent * k + api * Math.Exp(-k / s))];
    }

    [Test]
    public void SameCountAsScanningFromAnyGuess()
    {
        var random = new Random(1515);
        for (int trial = 0; trial < 3_000; trial++)
        {
            int max = random.Next(0, 5_000);
            double[] costs = Convex(random, max, out double scale);
            var guess = new BottomGuess(random.Next(-10, max + 10), random.Next(1, 200), random.NextDouble() < 0.5 ? 0 : random.NextDouble() / scale);
            int expected = FirstNotCheaper(costs, 1e-9);
            Assert.That(CheapestCount.FindNear(new Table(costs), max, 1e-9, 1e-12 * costs.Max(), ref guess), Is.EqualTo(expected),
                        $"trial {trial}: max {max}, scale {scale}, guess {guess}");
        }
    }

    [Test]
    public void SameCountAsFindWithNoiseWithinTheBound()
    {
        // Each cost off its convex value by up to the error bound, as rounding and the integral leave it:
        // where a step is that close to −tolerance the search hands over to Find, so it answers as Find does.
        var random = new Random(2626);
        int handed = 0;
        for (int trial = 0; trial < 3_000; trial++)
        {
            int max = random.Next(1, 3_000);
            double[] exact = Convex(random, max, out _);
            double error = 1e-6 * exact.Max() * random.NextDouble();
            double[] noisy = [.. exact.Select(c => c + error * (2 * random.NextDouble() - 1))];
            var guess = new BottomGuess(random.Next(0, max), random.Next(1, 100), 0);
            int near = CheapestCount.FindNear(new Table(noisy), max, 1e-9, error, ref guess);
            int find = CheapestCount.Find(new Table(noisy), max, 1e-9);
            handed += near == find && FirstNotCheaper(noisy, 1e-9) != find ? 1 : 0;
            Assert.That(near, Is.EqualTo(find), $"trial {trial}: max {max}, error {error}");
        }
        Assert.That(handed, Is.GreaterThan(0), "some trials had rounding decide a step, and still agreed with Find");
    }

    [Test]
    public void FlatBottomHandsOverToFind()
    {
        // Falls to 2, then flat (equal to the cent), then rises: a step within the error is Find's to decide.
        double[] costs = [10, 6, 3, 3, 3, 3, 3, 4, 9];
        var guess = new BottomGuess(5, 1, 0);
        Assert.That(CheapestCount.FindNear(new Table(costs), costs.Length - 1, 1e-9, 0.01, ref guess), Is.EqualTo(2));
    }

    [Test]
    public void EndsOfTheRange()
    {
        double[] falling = [.. Enumerable.Range(0, 50).Select(k => 100.0 - k)];
        double[] rising = [.. Enumerable.Range(0, 50).Select(k => 1.0 + k)];
        var guess = new BottomGuess(25, 4, 0);
        Assert.Multiple(() =>
        {
            Assert.That(CheapestCount.FindNear(new Table(falling), 49, 1e-9, 1e-9, ref guess), Is.EqualTo(49), "every count pays: the most allowed");
            Assert.That(CheapestCount.FindNear(new Table(rising), 49, 1e-9, 1e-9, ref guess), Is.EqualTo(0), "none pays: none");
            Assert.That(CheapestCount.FindNear(new Table([5.0]), 0, 1e-9, 1e-9, ref guess), Is.EqualTo(0), "nothing to search");
            Assert.That(() => CheapestCount.FindNear(new Table(rising), -1, 1e-9, 0, ref guess), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => CheapestCount.FindNear(new Table(rising), 49, 1e-9, -1, ref guess), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void ANearGuessAsksForAFewCosts()
    {
        // (k − 700,000)² / 1,000 + k: steps (2(k − 700,000) + 1)/1,000 + 1 reach 0 at k = 699,500, grow 0.002 a count.
        double[] costs = [.. Enumerable.Range(0, 1_000_001).Select(k => (k - 700_000.0) * (k - 700_000.0) / 1_000 + k)];
        var near = new Table(costs);
        var guess = new BottomGuess(699_480, 8, 0.002);
        var far = new Table(costs);
        Assert.Multiple(() =>
        {
            Assert.That(CheapestCount.FindNear(near, 1_000_000, 1e-9, 1e-9, ref guess), Is.EqualTo(699_500));
            Assert.That(near.Distinct, Is.LessThanOrEqualTo(5), "the guess, a Newton step from 20 below, and the count before it: 5 costs");
            Assert.That(guess.Slope, Is.EqualTo(0.002).Within(1e-9), "the slope measured across the bottom");
            Assert.That(CheapestCount.Find(far, 1_000_000, 1e-9), Is.EqualTo(699_500));
            Assert.That(far.Distinct, Is.GreaterThan(30), "bisection from the whole range asks for about 40");
        });
    }
}
