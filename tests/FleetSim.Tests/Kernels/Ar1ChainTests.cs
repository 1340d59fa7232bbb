using FleetSim.Kernels;

namespace FleetSim.Tests.Kernels;

/// <summary>The four-lane AR(1) chain against the minute-by-minute recursion it replaces.</summary>
public class Ar1ChainTests
{
    [TestCase(1, 0.9)]
    [TestCase(5, 0.5)]
    [TestCase(17, 0.9)]
    [TestCase(1_440, 0.0)]
    [TestCase(43_800, 0.9)]
    [TestCase(43_800, 0.9999)]
    public void FourLanesGiveTheSequentialChain(int minutes, double rho)
    {
        var chain = new Ar1Chain(minutes, rho);
        var random = new Random(minutes);
        double[] z = [.. Enumerable.Range(0, chain.Length).Select(_ => random.NextDouble() * 2 - 1)];
        var lanes = new double[chain.Length];
        const double s = 0.2, c = 0.08, offset = 0.02;

        chain.Run(z, s, c, offset, lanes);

        // Minute m is step m mod L of lane m / L, driven by z[4·(m mod L) + m / L].
        int lane = chain.LaneLength;
        double x = 0, worst = 0;
        for (int m = 0; m < minutes; m++)
        {
            double innovation = z[4 * (m % lane) + m / lane];
            x = m == 0 ? s * innovation : rho * x + c * innovation;
            worst = Math.Max(worst, Math.Abs(lanes[m] - (x - offset)));
        }
        Assert.That(worst, Is.LessThan(1e-13));
    }

    [Test]
    public void LanesCoverTheMonthInWholeBlocksOfFour()
    {
        var chain = new Ar1Chain(43_800, 0.9);
        Assert.Multiple(() =>
        {
            Assert.That(chain.LaneLength % 4, Is.EqualTo(0));
            Assert.That(chain.Length, Is.GreaterThanOrEqualTo(43_800).And.LessThan(43_800 + 16));
            Assert.That(() => chain.Run(new double[10], 1, 1, 0, new double[chain.Length]), Throws.ArgumentException);
        });
    }
}
