using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Tests.Routing.Reference;

namespace FleetSim.Tests.Routing;

/// <summary>
/// Issue 16: the spill router's minute form for replicas with a measured throughput curve, against
/// hand-computed birth-death values, Erlang B for the straight line, and an independent
/// processor-sharing simulation.
/// </summary>
public class SharedLossTests
{
    private static ThroughputCurve Curve(params (int, double)[] points) => ThroughputCurve.Of(points, points[^1].Item1);

    /// <summary>
    /// One replica, c = 2, R(1) = 10,000 and R(2) = 16,000 tok/s, demand 12,000 tok/s:
    /// p(0) : p(1) : p(2) = 1 : 12/10 : (12/10)(12/16) = 1 : 1.2 : 0.9, so B = 0.9 / 3.1.
    /// </summary>
    [Test]
    public void OneReplicaIsTheBirthDeathChainByHand()
    {
        double b = SharedLoss.Blocking(12_000, 1, Curve((1, 10_000), (2, 16_000)), ReplicaChoice.LeastBusy);
        Assert.That(b, Is.EqualTo(0.9 / 3.1).Within(1e-15));
    }

    /// <summary>
    /// Two replicas of c = 2 with the same curve: the even split gives R₂(1) = R(1) = 10,000,
    /// R₂(2) = 2·R(1) = 20,000, R₂(3) = R(2) + R(1) = 26,000, R₂(4) = 2·R(2) = 32,000; at D = 24,000,
    /// p ∝ 1, 2.4, 2.4·1.2 = 2.88, 2.88·24/26, (2.88·24/26)·0.75.
    /// </summary>
    [Test]
    public void TwoReplicasAreTheChainOnTheEvenSplitByHand()
    {
        double p3 = 2.88 * 24.0 / 26.0, p4 = p3 * 0.75;
        double b = SharedLoss.Blocking(24_000, 2, Curve((1, 10_000), (2, 16_000)), ReplicaChoice.LeastBusy);
        Assert.That(b, Is.EqualTo(p4 / (1 + 2.4 + 2.88 + p3 + p4)).Within(1e-15));
    }

    /// <summary>
    /// The same two replicas behind simple-shuffle: with two in flight, independent replicas hold
    /// them on one replica with weight 2·w(2) and one each with w(1)², w(k) = Π_{j≤k} 1/R(j), so
    /// w(1) = 1e−4, w(2) = 6.25e−9 and R₂(2) = (2·w(2)·R(2) + w(1)²·2R(1)) / (2·w(2) + w(1)²) =
    /// 17,777.8 rather than the even split's 20,000; R₂(1), R₂(3) and R₂(4) have one split each.
    /// </summary>
    [Test]
    public void TwoReplicasBehindShuffleAreTheChainOnTheIndependentSplitByHand()
    {
        const double w1 = 1e-4, w2 = 1 / 1.6e8;
        double r2 = (2 * w2 * 16_000 + w1 * w1 * 20_000) / (2 * w2 + w1 * w1);
        double[] rates = SharedFleetRates.For(Curve((1, 10_000), (2, 16_000)), 2, ReplicaChoice.SimpleShuffle);
        double p1 = 2.4, p2 = p1 * 24_000 / r2, p3 = p2 * 24.0 / 26.0, p4 = p3 * 0.75;
        Assert.Multiple(() =>
        {
            Assert.That(rates, Is.EqualTo(new[] { 0, 10_000, r2, 26_000, 32_000 }).Within(1e-9).Percent);
            Assert.That(SharedLoss.Blocking(24_000, rates), Is.EqualTo(p4 / (1 + p1 + p2 + p3 + p4)).Within(1e-12));
        });
    }

    [TestCase(1, 8, 0.5)]
    [TestCase(1, 8, 1.2)]
    [TestCase(4, 8, 0.9)]
    [TestCase(6, 8, 1.0)]
    [TestCase(64, 16, 0.95)]
    [TestCase(500, 8, 1.05)]
    public void AStraightLineIsErlangBWhateverThePick(int replicas, int slots, double loadPerSlot)
    {
        const double rate = 26_600;
        double demand = loadPerSlot * replicas * rate; // A = D·c/R = load × N·c erlangs
        double erlang = ErlangB.Loss(replicas * slots, demand * slots / rate);
        Assert.Multiple(() =>
        {
            foreach (ReplicaChoice choice in new[] { ReplicaChoice.LeastBusy, ReplicaChoice.SimpleShuffle })
            {
                Assert.That(SharedLoss.Blocking(demand, replicas, ThroughputCurve.Proportional(rate, slots), choice), Is.EqualTo(erlang).Within(1e-11), $"{choice}");
            }
        });
    }

    [Test]
    public void NoReplicasSendEverythingAndNoDemandSendsNothing()
    {
        ThroughputCurve curve = Curve((1, 10_000), (8, 26_600));
        Assert.Multiple(() =>
        {
            Assert.That(SharedLoss.Blocking(1_000, 0, curve, ReplicaChoice.SimpleShuffle), Is.EqualTo(1));
            Assert.That(SharedLoss.Blocking(0, 4, curve, ReplicaChoice.SimpleShuffle), Is.EqualTo(0));
            Assert.That(SharedLoss.Blocking(1e-3, 100, curve, ReplicaChoice.SimpleShuffle), Is.EqualTo(0));
        });
    }

    /// <summary>The seed's TP4 replica (26.6K tok/s at 8 in flight) with a lone request 2.5× and 3× as fast as one of a full batch.</summary>
    private static readonly double[][] Concave =
    [
        Curve((1, 8_312), (2, 14_000), (4, 21_000), (8, 26_600)).Rates.ToArray(),
        Curve((1, 9_975), (2, 16_000), (4, 22_000), (8, 26_600)).Rates.ToArray(),
    ];

    /// <summary>The independent simulation itself reproduces Erlang B on a straight line, whatever the pick.</summary>
    [TestCase(1, 0.9, false)]
    [TestCase(4, 1.0, false)]
    [TestCase(4, 1.0, true)]
    public void TheSimulationGivesErlangBOnAStraightLine(int replicas, double load, bool leastBusy)
    {
        double[] rates = ThroughputCurve.Proportional(26_600, 8).Rates.ToArray();
        double demand = load * replicas * rates[^1];
        ReferenceResult sim = new SharedReplicaFleetSimulation(replicas, rates, leastBusy, demand, 85_000, 16).Run(400_000, 40_000);
        double erlang = ErlangB.Loss(replicas * 8, demand * 8 / 26_600);
        TestContext.Out.WriteLine($"simulation {100 * sim.FallbackShare:F3} % ± {100 * sim.StandardError:F3}, Erlang B {100 * erlang:F3} %");
        Assert.That(sim.FallbackShare, Is.EqualTo(erlang).Within(4 * sim.StandardError + 1e-3));
    }

    /// <summary>
    /// The form against the independent simulation: exact for one replica (up to sampling), and
    /// within half a point of spill share for several behind a random or least-busy pick.
    /// </summary>
    [TestCase(1, 0, 0.6, false)]
    [TestCase(1, 1, 1.0, false)]
    [TestCase(2, 0, 0.9, false)]
    [TestCase(2, 0, 0.9, true)]
    [TestCase(4, 1, 0.8, false)]
    [TestCase(4, 0, 1.0, true)]
    [TestCase(6, 1, 0.9, false)]
    [TestCase(6, 0, 1.1, true)]
    public void TheFormAgreesWithAnIndependentSimulation(int replicas, int curve, double loadOfFullRate, bool leastBusy)
    {
        double[] rates = Concave[curve];
        double demand = loadOfFullRate * replicas * rates[^1];
        ThroughputCurve measured = ThroughputCurve.Of([.. rates.Skip(1).Select((r, i) => (i + 1, r))], rates.Length - 1);
        double form = SharedLoss.Blocking(demand, replicas, measured, leastBusy ? ReplicaChoice.LeastBusy : ReplicaChoice.SimpleShuffle);
        ReferenceResult sim = new SharedReplicaFleetSimulation(replicas, rates, leastBusy, demand, 85_000, 16).Run(600_000, 60_000);
        TestContext.Out.WriteLine($"simulation {100 * sim.FallbackShare:F3} % ± {100 * sim.StandardError:F3}, form {100 * form:F3} %");
        Assert.Multiple(() =>
        {
            Assert.That(sim.StandardError, Is.LessThan(0.002), "the simulation is too noisy to judge");
            // Four standard errors of the simulation, and for several replicas the form's own
            // approximation, within the half point issue 16 allows (it measured under 0.1 point).
            Assert.That(form, Is.EqualTo(sim.FallbackShare).Within(4 * sim.StandardError + (replicas == 1 ? 0 : 0.002)));
        });
    }
}
