using FleetSim.Routing;

namespace FleetSim.Tests.Routing;

public class ErlangBTests
{
    [TestCase(1, 1.0, 0.5)]
    [TestCase(2, 1.0, 0.2)]
    [TestCase(8, 4.0, 0.030420)]
    [TestCase(32, 33.083, 0.14674)]
    public void KnownValues(int slots, double erlangs, double expected) =>
        Assert.That(ErlangB.Loss(slots, erlangs), Is.EqualTo(expected).Within(0.0001));

    [Test]
    public void AgreesWithTheTextbookRecursion([Values(1, 7, 32, 200, 1000)] int slots,
                                               [Values(0.01, 0.5, 0.9, 1.0, 1.1, 3.0)] double loadPerSlot)
    {
        double a = slots * loadPerSlot;
        double expected = ErlangB.LossByRecursion(slots, a);
        Assert.That(ErlangB.Loss(slots, a), Is.EqualTo(expected).Within(1e-12 + 1e-9 * expected));
    }

    [Test]
    public void StableAtOneHundredThousandSlots()
    {
        // Jagerman's asymptote at A = N: B ≈ 1 / (sqrt(πN/2) + 2/3).
        const int n = 100_000;
        double asymptote = 1 / (Math.Sqrt(Math.PI * n / 2) + 2.0 / 3.0);
        Assert.Multiple(() =>
        {
            Assert.That(ErlangB.Loss(n, n), Is.EqualTo(asymptote).Within(0.1).Percent);
            Assert.That(ErlangB.Loss(n, n), Is.EqualTo(ErlangB.LossByRecursion(n, n)).Within(1e-9).Percent);
            Assert.That(ErlangB.Loss(n, 0.5 * n), Is.InRange(0.0, 1e-20));
            Assert.That(ErlangB.Loss(n, 2.0 * n), Is.EqualTo(ErlangB.LossByRecursion(n, 2.0 * n)).Within(1e-9).Percent);
        });
    }

    [Test]
    public void LossRisesWithLoadAndFallsWithSlots()
    {
        for (int n = 1; n < 300; n += 7)
        {
            Assert.That(ErlangB.Loss(n, 50), Is.GreaterThanOrEqualTo(ErlangB.Loss(n + 1, 50)));
            Assert.That(ErlangB.Loss(n, 0.8 * n), Is.LessThan(ErlangB.Loss(n, 0.9 * n)));
        }
    }

    [Test]
    public void EdgeCases()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ErlangB.Loss(0, 5), Is.EqualTo(1.0), "no slots: everything is lost");
            Assert.That(ErlangB.Loss(10, 0), Is.EqualTo(0.0), "no load: nothing is lost");
            Assert.That(() => ErlangB.Loss(-1, 1), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => ErlangB.Loss(1, -1), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }
}
