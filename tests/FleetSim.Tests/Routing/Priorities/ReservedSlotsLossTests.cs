using FleetSim.Routing;

namespace FleetSim.Tests.Routing.Priorities;

/// <summary>
/// Issue 18, deliverable 3: the closed form of reserved slots (trunk reservation) on chains small enough to solve by
/// hand, then against an independent log-space reference where the numbers are too large for a hand.
/// </summary>
public class ReservedSlotsLossTests
{
    private static double[] Blocking(int slots, double[] erlangs, int[] reserved)
    {
        var b = new double[erlangs.Length];
        ReservedSlotsLoss.Blocking(slots, erlangs, reserved, b);
        return b;
    }

    /// <summary>
    /// S = 2 slots, one reserved for the high class. States 0, 1, 2; the low class enters only from 0.
    /// q0 = 1, q1 = a_h + a_l, q2 = (a_h + a_l)·a_h/2. With a_h = a_l = 1: q = 1, 2, 1, Σ = 4:
    /// the high class is refused only in state 2 (1/4), the low one in states 1 and 2 (3/4).
    /// </summary>
    [Test]
    public void TwoSlotsOneReservedEqualLoads()
    {
        double[] b = Blocking(2, [1, 1], [0, 1]);
        Assert.That(b[0], Is.EqualTo(0.25).Within(1e-15));
        Assert.That(b[1], Is.EqualTo(0.75).Within(1e-15));
    }

    /// <summary>a_h = 2, a_l = 1: q = 1, 3, 3·2/2 = 3, Σ = 7: B_h = 3/7, B_l = 6/7.</summary>
    [Test]
    public void TwoSlotsOneReservedUnequalLoads()
    {
        double[] b = Blocking(2, [2, 1], [0, 1]);
        Assert.That(b[0], Is.EqualTo(3.0 / 7).Within(1e-15));
        Assert.That(b[1], Is.EqualTo(6.0 / 7).Within(1e-15));
    }

    /// <summary>
    /// Three classes of 1 erlang on S = 3, thresholds 3, 2, 1 (r = 0, 1, 2): arrivals 3 from state 0, 2 from 1, 1 from 2.
    /// q = 1, 3, 3·2/2 = 3, 3·1/3 = 1, Σ = 8: B = 1/8, (3 + 1)/8, (3 + 3 + 1)/8.
    /// </summary>
    [Test]
    public void ThreeNestedClasses()
    {
        double[] b = Blocking(3, [1, 1, 1], [0, 1, 2]);
        Assert.That(b, Is.EqualTo(new[] { 1.0 / 8, 0.5, 7.0 / 8 }).Within(1e-15));
    }

    /// <summary>No reservation: every class sees Erlang B(S, ΣA); B(3, 3) = (27/6)/(1 + 3 + 9/2 + 27/6) = 4.5/13 = 9/26.</summary>
    [Test]
    public void NoReservationIsErlangB()
    {
        double[] b = Blocking(3, [1, 2], [0, 0]);
        Assert.That(b, Is.EqualTo(new[] { 9.0 / 26, 9.0 / 26 }).Within(1e-15));
    }

    /// <summary>
    /// A class that may take no slot (r ≥ S) is always refused, and the other sees its own Erlang B:
    /// B(2, 1) = (1/2)/(1 + 1 + 1/2) = 1/5. With no load at all nothing else is refused.
    /// </summary>
    [Test]
    public void ClassWithNoSlotIsAlwaysRefused()
    {
        Assert.That(Blocking(2, [1, 1], [0, 2]), Is.EqualTo(new[] { 0.5 / (1 + 1 + 0.5), 1.0 }).Within(1e-15));
        Assert.That(Blocking(2, [0, 0], [0, 5]), Is.EqualTo(new[] { 0.0, 1.0 }));
        Assert.That(Blocking(0, [1], [0]), Is.EqualTo(new[] { 1.0 }));
    }

    /// <summary>
    /// A class with no load does not move the chain, but is still told the share of time its arrivals would be refused:
    /// S = 2, only the low class (r = 1) offers 1 erlang, so the chain lives on 0 and 1 (q = 1, 1): B_low = 1/2, and
    /// the idle high class (refused only at 2, never reached) 0.
    /// </summary>
    [Test]
    public void IdleClassSeesTheOthersChain()
    {
        Assert.That(Blocking(2, [0, 1], [0, 1]), Is.EqualTo(new[] { 0.0, 0.5 }).Within(1e-15));
    }

    /// <summary>Large fleets, wide reservations, a tiny top-class load: the same as the log-space reference to 1e−10.</summary>
    [TestCase(2000, 1e-6, 1800.0, 500)]
    [TestCase(2000, 300.0, 1800.0, 40)]
    [TestCase(80_000, 4000.0, 76_000.0, 800)]
    [TestCase(500, 1e-150, 100.0, 400)]
    [TestCase(64, 10.0, 200.0, 8)]
    public void MatchesLogSpaceReferenceOnLargeChains(int slots, double high, double low, int reserved)
    {
        double[] expected = BirthDeathReference.Blocking(slots, [high, low], [0, reserved]);
        double[] actual = Blocking(slots, [high, low], [0, reserved]);
        Assert.That(actual[0], Is.EqualTo(expected[0]).Within(1e-10 * Math.Max(expected[0], 1e-300)).Or.EqualTo(expected[0]).Within(1e-17));
        Assert.That(actual[1], Is.EqualTo(expected[1]).Within(1e-10 * expected[1]).Or.EqualTo(expected[1]).Within(1e-17));
    }

    /// <summary>
    /// A span of minutes: served = D·shareᵢ·(1 − Bᵢ) each minute. Two minutes on the hand case above (c/R = 1 erlang
    /// per tok/s): D = 2 with equal shares gives 1·(3/4) + 1·(1/4) = 1; D = 0 serves nothing.
    /// </summary>
    [Test]
    public void SpanServesEachClassItsUnblockedDemand()
    {
        var served = new double[2];
        var byClass = new double[2];
        double sum = ReservedSlotsLoss.ServeSpan([2, 0], [0.5, 0.5], [0, 1], 2, 1.0, served, byClass);
        Assert.Multiple(() =>
        {
            Assert.That(served, Is.EqualTo(new[] { 1.0, 0.0 }).Within(1e-15));
            Assert.That(byClass, Is.EqualTo(new[] { 0.75, 0.25 }).Within(1e-15));
            Assert.That(sum, Is.EqualTo(1.0).Within(1e-15));
        });
    }

    [Test]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => ReservedSlotsLoss.Blocking(2, [1, 1], [0], new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReservedSlotsLoss.Blocking(2, [double.NaN], [0], new double[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReservedSlotsLoss.Blocking(-1, [1], [0], new double[1]));
    }
}
