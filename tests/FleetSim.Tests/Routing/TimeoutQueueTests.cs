using FleetSim.Kernels;
using FleetSim.Routing;

namespace FleetSim.Tests.Routing;

/// <summary>The M/M/N+D fall-back share: its limits, its shape, and the minute kernel that runs it.</summary>
public class TimeoutQueueTests
{
    /// <summary>The seed's request: 85K tokens at 8 in flight on 26.6K tok/s hold a slot 25.56 s.</summary>
    private const double Service = 85_000 * 8 / 26_600.0;

    private static double Lambda(double erlangs) => erlangs / Service;

    [TestCase(1, 0.5)]
    [TestCase(8, 4.0)]
    [TestCase(32, 24.0)]
    [TestCase(32, 33.08)]
    [TestCase(32, 60.0)]
    [TestCase(400, 380.0)]
    [TestCase(100_000, 99_000.0)]
    public void AtZeroTimeoutItIsErlangB(int slots, double erlangs) =>
        Assert.That(TimeoutQueue.FallbackShare(slots, Lambda(erlangs), Service, 0),
            Is.EqualTo(ErlangB.Loss(slots, erlangs)).Within(1e-12).Percent);

    [TestCase(32, 24.0)]
    [TestCase(32, 31.99)]
    [TestCase(32, 32.0)]
    [TestCase(32, 33.08)]
    [TestCase(32, 60.0)]
    [TestCase(400, 380.0)]
    public void FallsAsTheTimeoutGrows(int slots, double erlangs)
    {
        double floor = Math.Max(0, 1 - slots / erlangs);
        double previous = TimeoutQueue.FallbackShare(slots, Lambda(erlangs), Service, 0);
        foreach (double tau in new[] { 0.001, 0.1, 1, 5, 10, 30, 60, 300, 3600 })
        {
            double share = TimeoutQueue.FallbackShare(slots, Lambda(erlangs), Service, tau);
            Assert.That(share, Is.InRange(floor - 1e-12, 1.0), $"τ = {tau}");
            if (previous - floor > 1e-9 * previous)
            {
                Assert.That(share, Is.LessThan(previous), $"τ = {tau}");
            }
            else
            {
                // Already at its limit to rounding (deep overload converges within seconds).
                Assert.That(share, Is.LessThanOrEqualTo(previous * (1 + 1e-12)), $"τ = {tau}");
            }
            previous = share;
        }
    }

    [TestCase(8, 4.0)]
    [TestCase(32, 24.0)]
    [TestCase(32, 31.0)]
    [TestCase(400, 380.0)]
    public void VanishesForLongTimeoutsWhenTheFleetKeepsUp(int slots, double erlangs)
    {
        Assert.Multiple(() =>
        {
            Assert.That(TimeoutQueue.FallbackShare(slots, Lambda(erlangs), Service, 30), Is.LessThan(ErlangB.Loss(slots, erlangs)));
            Assert.That(TimeoutQueue.FallbackShare(slots, Lambda(erlangs), Service, 86_400), Is.LessThan(1e-12));
            Assert.That(TimeoutQueue.FallbackShare(slots, Lambda(erlangs), Service, 1e300), Is.Zero);
        });
    }

    [TestCase(32, 33.08)]
    [TestCase(32, 40.0)]
    [TestCase(32, 64.0)]
    [TestCase(8, 80.0)]
    [TestCase(400, 420.0)]
    public void TendsToTheOverloadExcessWhenItCannot(int slots, double erlangs)
    {
        double excess = 1 - slots / erlangs;   // 1 − Nμ/λ
        Assert.Multiple(() =>
        {
            Assert.That(TimeoutQueue.FallbackShare(slots, Lambda(erlangs), Service, 86_400), Is.EqualTo(excess).Within(1e-9));
            Assert.That(TimeoutQueue.FallbackShare(slots, Lambda(erlangs), Service, 1e300), Is.EqualTo(excess).Within(1e-12));
            // Waiting only ever helps: never below the excess the fleet cannot carry, never above Erlang B.
            Assert.That(TimeoutQueue.FallbackShare(slots, Lambda(erlangs), Service, 30),
                Is.InRange(excess, ErlangB.Loss(slots, erlangs)));
        });
    }

    /// <summary>Exactly at capacity (δ = 0) the closed form's (e^{δτ} − 1)/δ is its limit τ, and the share falls like 1/τ.</summary>
    [Test]
    public void AtExactlyFullLoadTheShareFallsLikeOneOverTau()
    {
        const int slots = 32;
        double lambda = slots / Service;   // λ = Nμ
        double b = ErlangB.Loss(slots, slots);
        foreach (double tau in new[] { 1.0, 100, 1e4, 1e8 })
        {
            double expected = b / (1 - b + b * (slots / Service * tau + 1));
            Assert.That(TimeoutQueue.FallbackShare(slots, lambda, Service, tau), Is.EqualTo(expected).Within(1e-6).Percent, $"τ = {tau}");
        }
    }

    [Test]
    public void NeverNaNForHugeTimeoutsOrLoads(
        [Values(0, 1, 32, 100_000)] int slots,
        [Values(0.0, 1e-300, 0.5, 1.0, 2.0, 1e6, 1e300)] double loadPerSlot,
        [Values(0.0, 1e-12, 30.0, 1e12, 1e300, double.MaxValue, double.PositiveInfinity)] double tau)
    {
        double erlangs = Math.Max(slots, 1) * loadPerSlot;
        double share = TimeoutQueue.FallbackShare(slots, erlangs / Service, Service, tau);
        Assert.That(share, Is.InRange(0.0, 1.0), $"N={slots}, A={erlangs}, τ={tau}");
    }

    [Test]
    public void AnEndlessTimeoutLeavesOnlyTheOverloadExcess()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TimeoutQueue.FallbackShare(32, Lambda(24), Service, double.PositiveInfinity), Is.Zero);
            Assert.That(TimeoutQueue.FallbackShare(32, Lambda(32), Service, double.PositiveInfinity), Is.Zero);
            Assert.That(TimeoutQueue.FallbackShare(32, Lambda(64), Service, double.PositiveInfinity), Is.EqualTo(0.5).Within(1e-12));
        });
    }

    [TestCase(0, 32, 30.0)]
    [TestCase(1, 32, 30.0)]
    [TestCase(7, 32, 30.0)]
    [TestCase(1003, 0, 30.0)]
    [TestCase(1003, 1, 30.0)]
    [TestCase(1003, 32, 0.0)]
    [TestCase(1003, 32, 30.0)]
    [TestCase(1003, 32, 3600.0)]
    [TestCase(10_080, 400, 10.0)]
    public void MinuteKernelAgreesWithTheScalarInEveryMinute(int minutes, int slots, double tau)
    {
        var random = new Random(minutes + slots);
        var demand = new double[minutes];
        for (int i = 0; i < minutes; i++)
        {
            // Zero, light, about full and overloaded minutes, for fleets of 1 to 50 replicas of 26.6K tok/s.
            demand[i] = random.NextDouble() < 0.05 ? 0 : random.NextDouble() * 2.5 * Math.Max(slots, 1) / 8 * 26_600;
        }
        const double mean = 85_000;
        var served = new double[minutes];
        double sum = MinuteKernels.QueueWithTimeout(demand, slots, 1 / mean, Service, tau, served);
        double expected = 0;
        for (int i = 0; i < minutes; i++)
        {
            double want = demand[i] * (1 - TimeoutQueue.FallbackShare(slots, demand[i] / mean, Service, tau));
            Assert.That(served[i], Is.EqualTo(want).Within(1e-9).Percent.Or.EqualTo(want).Within(1e-9), $"minute {i}, demand {demand[i]}");
            Assert.That(served[i], Is.InRange(0.0, demand[i]));
            expected += want;
        }
        Assert.That(sum, Is.EqualTo(expected).Within(1e-9).Percent.Or.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void MinuteKernelAtZeroTimeoutIsTheSpillKernel()
    {
        var random = new Random(5);
        double[] demand = [.. Enumerable.Range(0, 1440).Select(_ => random.NextDouble() * 300_000)];
        var queued = new double[demand.Length];
        var spilled = new double[demand.Length];
        MinuteKernels.QueueWithTimeout(demand, 32, 1 / 85_000.0, Service, 0, queued);
        MinuteKernels.Spill(demand, 32, 8 / 26_600.0, spilled);
        Assert.That(queued, Is.EqualTo(spilled).Within(1e-9).Percent);
    }
}
