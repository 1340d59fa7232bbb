using FleetSim.Runs.MonteCarlo;
using FleetSim.Kernels;
using FleetSim.Scenario;
using FleetSim.Traffic;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace FleetSim.Tests.MonteCarlo;

public class NoiseTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void NormalBatchMatchesMathNetsNormal(bool vectorRandom)
    {
        const int n = 100_001;
        var normals = new double[n];
        Random random = vectorRandom ? new VectorRandom(5) : new Xoshiro256StarStar(5, threadSafe: false);
        NormalBatch.Fill(random, normals);
        // r·cos θ and r·sin θ of one draw are independent: the halves must be uncorrelated.
        double cross = 0;
        for (int i = 0; i < n / 2; i++)
        {
            cross += normals[i] * normals[(n + 1) / 2 + i];
        }
        Assert.That(cross / (n / 2), Is.EqualTo(0).Within(4 / Math.Sqrt(n / 2)));
        Array.Sort(normals);
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            double cdf = Normal.CDF(0, 1, normals[i]);
            worst = Math.Max(worst, Math.Max(Math.Abs(cdf - (double)i / n), Math.Abs(cdf - (double)(i + 1) / n)));
        }
        // Kolmogorov-Smirnov: the 1 % critical value is 1.63/sqrt(n).
        Assert.That(worst, Is.LessThan(1.63 / Math.Sqrt(n)));
    }

    private static (DemandSeries Average, double[] Month) Month(NoiseSpec noise, int seed, string horizon = "730")
    {
        ScenarioSpec s = Scenarios.Seed($"horizon_hours={horizon}");
        DemandSeries average = DemandBuilder.Build(s.Traffic, s.Horizon);
        var month = new double[average.Minutes];
        new NoisyDemand(average, noise).Fill(DemandBuilder.NoiseStream(seed), month);
        return (average, month);
    }

    [Test]
    public void MinuteNoiseHasTheAskedSpreadAndCorrelationAndKeepsTheMean()
    {
        var (average, month) = Month(new NoiseSpec(0.2, 0.9, 0, 0, null), seed: 3);
        double[] ratio = [.. month.Select((d, i) => d / average.Rate[i])];
        double mean = ratio.Average();
        double sd = Math.Sqrt(ratio.Sum(r => (r - mean) * (r - mean)) / ratio.Length);
        double[] logs = [.. ratio.Select(r => Math.Log(r))];
        double lm = logs.Average();
        double cov = 0, var = 0;
        for (int i = 1; i < logs.Length; i++)
        {
            cov += (logs[i] - lm) * (logs[i - 1] - lm);
            var += (logs[i] - lm) * (logs[i] - lm);
        }
        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(1).Within(0.02));
            Assert.That(sd / mean, Is.EqualTo(0.2).Within(0.02));
            Assert.That(cov / var, Is.EqualTo(0.9).Within(0.02));
        });
    }

    [Test]
    public void GrowthCompoundsOverTheHorizon()
    {
        var (_, month) = Month(new NoiseSpec(0, 0, 0, 0.10, null), seed: 1);
        double firstDay = month[..1440].Average(), lastDay = month[(month.Length - 1440)..].Average();
        // The last 1,440 minutes start 29.4 days in and cover other hours of the day than the first day,
        // so compare the growth factor itself: demand grows by (1 + g) over 730 hours.
        double growthOverHorizon = Math.Pow(1.10, (month.Length - 1440) / 60.0 / 730);
        Assert.That(lastDay / firstDay, Is.EqualTo(growthOverHorizon).Within(3).Percent);
    }

    [Test]
    public void BurstsRaiseDemandAndDailyLevelsVaryDays()
    {
        var (average, bursty) = Month(new NoiseSpec(0, 0, 0, 0, new BurstSpec(4, 1.0, 30)), seed: 2);
        var (_, daily) = Month(new NoiseSpec(0, 0, 0.1, 0, null), seed: 2);
        int doubled = bursty.Where((d, i) => d > 1.99 * average.Rate[i]).Count();
        double[] dayRatios = [.. Enumerable.Range(0, 30).Select(d => daily[d * 1440] / average.Rate[d * 1440])];
        Assert.Multiple(() =>
        {
            Assert.That(doubled, Is.InRange(30 * 4 * 30 / 2, 30 * 4 * 30 * 2), "about 4 bursts a day of 30 minutes");
            Assert.That(dayRatios.Distinct().Count(), Is.EqualTo(30));
            Assert.That(dayRatios.Average(), Is.EqualTo(1).Within(0.06));
        });
    }

    [Test]
    public void SameSeedSameMonth()
    {
        var noise = new NoiseSpec(0.2, 0.9, 0.1, 0.05, new BurstSpec(1, 0.5, 20));
        double[] first = Month(noise, 9).Month, again = Month(noise, 9).Month, other = Month(noise, 10).Month;
        Assert.That(again, Is.EqualTo(first).AsCollection);
        Assert.That(other, Is.Not.EqualTo(first).AsCollection);
    }

    [Test]
    public void VectorMathAgreesWithMath()
    {
        var random = new Random(1);
        double[] xs = [.. Enumerable.Range(0, 10_003).Select(_ => random.NextDouble())];
        double[] exps = [.. xs.Select(x => 40 * x - 20)];
        var e = new double[xs.Length];
        var l = new double[xs.Length];
        var sin = new double[xs.Length];
        var cos = new double[xs.Length];
        VectorMath.Exp(exps, e);
        VectorMath.Log(xs, l);
        VectorMath.SinCosOfTurns(xs, sin, cos);
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.That(e[i], Is.EqualTo(Math.Exp(exps[i])).Within(1e-12).Percent.Or.EqualTo(Math.Exp(exps[i])).Within(1e-300));
            Assert.That(l[i], Is.EqualTo(Math.Log(xs[i])).Within(1e-15).Or.EqualTo(Math.Log(xs[i])).Within(1e-12).Percent);
            Assert.That(sin[i], Is.EqualTo(Math.Sin(2 * Math.PI * xs[i])).Within(1e-14));
            Assert.That(cos[i], Is.EqualTo(Math.Cos(2 * Math.PI * xs[i])).Within(1e-14));
        }
    }

    [Test]
    public void NoiseIsBitForBitTheSameAfterTheJitHasWarmedUp()
    {
        // Precompiled and re-jitted code must not round differently: draw the same month many times.
        var noise = new NoiseSpec(0.2, 0.9, 0.1, 0.05, new BurstSpec(2, 0.5, 20));
        double[] first = Month(noise, 4).Month;
        for (int k = 0; k < 30; k++)
        {
            Assert.That(Month(noise, 4).Month, Is.EqualTo(first).AsCollection, $"draw {k}");
        }
    }

    [Test]
    public void VectorRandomIsUniformAndReseedsLikeNew()
    {
        var random = new VectorRandom(11);
        var values = new double[100_003];
        random.FillUniform(values);
        Array.Sort(values);
        double worst = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double cdf = ContinuousUniform.CDF(0, 1, values[i]);
            worst = Math.Max(worst, Math.Max(Math.Abs(cdf - (double)i / values.Length), Math.Abs(cdf - (double)(i + 1) / values.Length)));
        }
        var reused = new VectorRandom(3);
        reused.NextDouble();
        reused.Reseed(11);
        var fresh = new VectorRandom(11);
        Assert.Multiple(() =>
        {
            Assert.That(worst, Is.LessThan(1.63 / Math.Sqrt(values.Length)), "Kolmogorov-Smirnov at 1 %");
            Assert.That(values[0], Is.GreaterThanOrEqualTo(0));
            Assert.That(values[^1], Is.LessThan(1));
            for (int i = 0; i < 200; i++)
            {
                Assert.That(reused.NextDouble(), Is.EqualTo(fresh.NextDouble()));
            }
        });
    }

    [Test]
    public void SweepGridSplitsOnlyTopLevelCommas()
    {
        Assert.That(SweepGrid.SplitTopLevel("a,[1,2],{x: 1, y: 2},b"), Is.EqualTo(new[] { "a", "[1,2]", "{x: 1, y: 2}", "b" }));
        var grid = new SweepGrid(["fleet.replicas=4,6", "api.usd_per_million_tokens=0.3,0.4,0.5", "seed=3"]);
        Assert.Multiple(() =>
        {
            Assert.That(grid.Points, Has.Count.EqualTo(6));
            Assert.That(grid.Points[1].Label, Is.EqualTo("fleet.replicas=4 api.usd_per_million_tokens=0.4"));
        });
    }
}
