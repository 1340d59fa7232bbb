using FleetSim.Kernels;
using FleetSim.Routing;

namespace FleetSim.Tests.Kernels;

public class MinuteKernelTests
{
    private static double[] Demand(int minutes, int seed)
    {
        var random = new Random(seed);
        var d = new double[minutes];
        for (int i = 0; i < minutes; i++)
        {
            d[i] = random.NextDouble() < 0.05 ? 0 : 50_000 + 300_000 * random.NextDouble();
        }
        return d;
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(43_800)]
    [TestCase(43_803)]
    public void FluidIsMinOfDemandAndCapacity(int minutes)
    {
        double[] d = Demand(minutes, 1);
        var served = new double[minutes];
        double sum = MinuteKernels.Fluid(d, 106_400, served);
        double expected = 0;
        for (int i = 0; i < minutes; i++)
        {
            Assert.That(served[i], Is.EqualTo(Math.Min(d[i], 106_400)));
            expected += served[i];
        }
        Assert.That(sum, Is.EqualTo(expected).Within(1e-9).Percent);
    }

    [TestCase(1, 0)]
    [TestCase(13, 32)]
    [TestCase(43_800, 32)]
    [TestCase(1003, 0)]
    [TestCase(1003, 1)]
    [TestCase(1003, 400)]
    public void SpillMatchesScalarErlangBInEveryMinute(int minutes, int slots)
    {
        double[] d = Demand(minutes, 2);
        var served = new double[minutes];
        double k = 8 / 26_600.0;
        double sum = MinuteKernels.Spill(d, slots, k, served);
        double expected = 0;
        for (int i = 0; i < minutes; i++)
        {
            double want = d[i] * (1 - ErlangB.Loss(slots, d[i] * k));
            Assert.That(served[i], Is.EqualTo(want).Within(1e-9).Percent.Or.EqualTo(want).Within(1e-9));
            expected += want;
        }
        Assert.That(sum, Is.EqualTo(expected).Within(1e-9).Percent);
    }

    [Test]
    public void SpillNeverServesMoreThanCapacityNorMoreThanDemand()
    {
        double[] d = Demand(10_000, 3);
        var served = new double[d.Length];
        const int slots = 32;
        double k = 8 / 26_600.0;
        MinuteKernels.Spill(d, slots, k, served);
        for (int i = 0; i < d.Length; i++)
        {
            Assert.That(served[i], Is.LessThanOrEqualTo(d[i]));
            Assert.That(served[i] * k, Is.LessThanOrEqualTo(slots * (1 + 1e-12)));
        }
    }

    [Test]
    public void SpillStaysFiniteWithOneHundredThousandSlots()
    {
        double k = 8 / 26_600.0;
        const int slots = 100_000;
        double[] d = [0, 1, slots / k * 0.5, slots / k, slots / k * 1.5, slots / k * 10];
        var served = new double[d.Length];
        MinuteKernels.Spill(d, slots, k, served);
        for (int i = 0; i < d.Length; i++)
        {
            double want = d[i] * (1 - ErlangB.LossByRecursion(slots, d[i] * k));
            Assert.That(double.IsFinite(served[i]), Is.True);
            Assert.That(served[i], Is.EqualTo(want).Within(1e-9).Percent.Or.EqualTo(want).Within(1e-6));
        }
    }

    [Test]
    public void KernelsRefuseAShortOutputBuffer()
    {
        Assert.That(() => MinuteKernels.Fluid(new double[10], 1, new double[9]), Throws.ArgumentException);
        Assert.That(() => MinuteKernels.Spill(new double[10], 1, 1, new double[9]), Throws.ArgumentException);
    }
}
