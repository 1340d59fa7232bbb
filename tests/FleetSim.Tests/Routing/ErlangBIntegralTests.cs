using FleetSim.Kernels;
using FleetSim.Routing;

namespace FleetSim.Tests.Routing;

/// <summary>
/// The fixed-cost integral that prices Erlang B for large fleets near full load, against sums and
/// recursions written here, term by term, with nothing shared with the library.
/// </summary>
public class ErlangBIntegralTests
{
    /// <summary>1/B as the plain positive-term sum Σ N!/((N−m)!·Aᵐ), run to the end of its terms.</summary>
    private static double InverseBySum(int slots, double erlangs)
    {
        double sum = 1, term = 1;
        for (int m = 0; m < slots; m++)
        {
            term *= (slots - m) / erlangs;
            sum += term;
            if (term < 1e-18 * sum)
            {
                break;
            }
        }
        return sum;
    }

    /// <summary>B by the textbook recursion B(n) = A·B(n−1)/(n + A·B(n−1)) from B(0) = 1.</summary>
    private static double LossByRecursion(int slots, double erlangs)
    {
        double b = 1;
        for (int n = 1; n <= slots; n++)
        {
            b = erlangs * b / (n + erlangs * b);
        }
        return b;
    }

    [Test]
    public void AgreesWithTheSumFromFourThousandToAMillionSlots(
        [Values(4_097, 9_000, 20_000, 166_000, 1_000_000)] int slots,
        [Values(0.75, 0.9, 0.97, 0.99, 0.999, 1.0, 1.001, 1.01, 1.05, 1.2, 1.4)] double loadPerSlot)
    {
        double erlangs = slots * loadPerSlot;
        double expected = InverseBySum(slots, erlangs);
        if (expected >= 1e290)
        {
            // B below 1e−290 (the sum ran past doubles' range): the integral must say as much, or overflow to +∞.
            Assert.That(ErlangBIntegral.InverseLoss(slots, erlangs), Is.GreaterThanOrEqualTo(1e290));
            return;
        }
        Assert.That(ErlangBIntegral.InverseLoss(slots, erlangs), Is.EqualTo(expected).Within(1e-12 * expected));
    }

    [Test]
    public void AgreesWithTheRecursionWhereTheLossMatters([Values(5_000, 50_000, 400_000)] int slots,
                                                         [Values(0.98, 1.0, 1.02, 1.1, 1.3)] double loadPerSlot)
    {
        double erlangs = slots * loadPerSlot;
        double expected = LossByRecursion(slots, erlangs);
        Assert.That(1 / ErlangBIntegral.InverseLoss(slots, erlangs), Is.EqualTo(expected).Within(1e-11 * expected));
    }

    [Test]
    public void LossTakesTheIntegralOnlyPastTheTablesAndNearFullLoad()
    {
        Assert.Multiple(() =>
        {
            // Past 4,096 slots and within 0.75–1.4 of them: the integral.
            Assert.That(ErlangB.Loss(100_000, 100_000), Is.EqualTo(1 / ErlangBIntegral.InverseLoss(100_000, 100_000)));
            // Elsewhere the sum, as before: small fleets keep their bits.
            Assert.That(ErlangB.Loss(4_096, 4_096), Is.EqualTo(1 / InverseBySumStoppingLikeTheLibrary(4_096, 4_096)));
            Assert.That(ErlangB.Loss(100_000, 50_000), Is.LessThan(1e-300));
        });
    }

    /// <summary>The library's sum with its own stopping rule (checked every fourth term), to show the small-fleet path is untouched.</summary>
    private static double InverseBySumStoppingLikeTheLibrary(int slots, double erlangs)
    {
        double inverseLoad = 1.0 / erlangs, term = 1, sum = 1;
        for (int m = 0; m < slots; m++)
        {
            term *= (slots - m) * inverseLoad;
            sum += term;
            if ((m & 3) == 3 && (term < 1e-17 * sum || sum > 1e300))
            {
                break;
            }
        }
        return sum;
    }

    [Test]
    public void LogOnePlusMinusXHasNoCancellationNearZero()
    {
        Assert.Multiple(() =>
        {
            foreach (double x in new[] { 1e-9, -1e-9, 1e-5, -3e-4 })
            {
                // ln(1 + x) − x = −x²/2 + x³/3 − x⁴/4 + …, which converges at once for tiny x.
                double expected = 0, power = x;
                for (int k = 2; k < 12; k++)
                {
                    power *= x;
                    expected += (k % 2 == 0 ? -1 : 1) * power / k;
                }
                Assert.That(ErlangBIntegral.LogOnePlusMinusX(x), Is.EqualTo(expected).Within(1e-14 * Math.Abs(expected)), $"x = {x}");
            }
            foreach (double x in new[] { -0.9, -0.49, 0.3, 0.49, 0.5, 2.0, 100.0 })
            {
                double expected = Math.Log(1 + x) - x;
                Assert.That(ErlangBIntegral.LogOnePlusMinusX(x), Is.EqualTo(expected).Within(1e-14 * Math.Abs(expected)), $"x = {x}");
            }
        });
    }

    [Test]
    public void ALargeFleetServesWhatTheSumSays()
    {
        // 20,000 slots (2,500 replicas of 8) over loads from half to twice the slots: the kernel's
        // served tok/s, minute by minute, against demand·(1 − B) from the plain sum.
        const int slots = 20_000;
        const double erlangsPerTokenPerSecond = 8 / 26_600.0;
        double[] demand = [.. Enumerable.Range(0, 301).Select(i => slots / erlangsPerTokenPerSecond * (0.5 + i * 0.005))];
        var served = new double[demand.Length];
        double total = MinuteKernels.SpillBySeries(demand, slots, erlangsPerTokenPerSecond, served);
        Assert.Multiple(() =>
        {
            for (int m = 0; m < demand.Length; m++)
            {
                double expected = demand[m] * (1 - 1 / InverseBySum(slots, demand[m] * erlangsPerTokenPerSecond));
                Assert.That(served[m], Is.EqualTo(expected).Within(1e-12 * expected), $"minute {m}");
            }
            Assert.That(total, Is.EqualTo(served.Sum()).Within(1e-9 * total));
        });
    }
}
