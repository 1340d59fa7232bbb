using FleetSim.Routing.Requests;
using FleetSim.Engine.Requests;

namespace FleetSim.Tests.Engine.Requests;

public class LatencyHistogramTests
{
    [Test]
    public void EmptyIsAllZeros()
    {
        var h = new LatencyHistogram();
        Assert.Multiple(() =>
        {
            Assert.That(h.Count, Is.Zero);
            Assert.That(h.Summary(), Is.EqualTo(new LatencySummary(0, 0, 0, 0)));
        });
    }

    [Test]
    public void MeanIsExactAndPercentilesWithinAQuarterPercent()
    {
        var random = new Random(11);
        var h = new LatencyHistogram();
        var all = new double[200_000];
        for (int i = 0; i < all.Length; i++)
        {
            // Waits: a third exactly zero, the rest spread over six decades.
            all[i] = random.NextDouble() < 1.0 / 3 ? 0 : Math.Pow(10, random.NextDouble() * 6 - 3);
            h.Add(all[i]);
        }
        Array.Sort(all);
        Assert.Multiple(() =>
        {
            Assert.That(h.Count, Is.EqualTo(all.Length));
            Assert.That(h.Mean, Is.EqualTo(all.Average()).Within(1e-9).Percent);
            Assert.That(h.Quantile(0.2), Is.Zero, "a third of the samples are zero");
            foreach (double p in new[] { 0.5, 0.9, 0.95, 0.99, 0.999, 1.0 })
            {
                double exact = all[(int)Math.Ceiling(p * all.Length) - 1];
                Assert.That(h.Quantile(p), Is.EqualTo(exact).Within(0.4).Percent, $"p = {p}");
            }
        });
    }

    [Test]
    public void SummaryIsMeanAndTheThreePercentiles()
    {
        var h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++)
        {
            h.Add(i / 100.0);
        }
        LatencySummary s = h.Summary();
        Assert.Multiple(() =>
        {
            Assert.That(s.Mean, Is.EqualTo(5.005).Within(1e-12));
            Assert.That(s.P50, Is.EqualTo(5.00).Within(0.4).Percent);
            Assert.That(s.P95, Is.EqualTo(9.50).Within(0.4).Percent);
            Assert.That(s.P99, Is.EqualTo(9.90).Within(0.4).Percent);
        });
    }

    [Test]
    public void TinyAndHugeLatenciesStayInRange()
    {
        var h = new LatencyHistogram();
        h.Add(1e-9);
        h.Add(1e9);
        Assert.Multiple(() =>
        {
            Assert.That(h.Quantile(0.5), Is.Zero);
            Assert.That(h.Quantile(1.0), Is.GreaterThan(1e6).And.Not.NaN);
            Assert.That(h.Mean, Is.EqualTo(5e8).Within(1e-6).Percent);
        });
    }
}
