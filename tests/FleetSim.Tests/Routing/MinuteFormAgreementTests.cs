using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Tests.Routing.Reference;

namespace FleetSim.Tests.Routing;

/// <summary>
/// The router minute forms against the independent reference simulation: a CI subset of the
/// agreement grid (the full grid is run offline by <see cref="AgreementGridOffline"/> and recorded in
/// docs/router-minute-forms.md), issue 13's known cases, and the refusals.
/// </summary>
public class MinuteFormAgreementTests
{
    private const double Tolerance = 0.005; // half a percentage point
    private const double MaxStandardError = 0.001;

    private static double Service(int slots) => 85_000.0 * slots / 26_600.0;

    private static GridCase Case(int replicas, int slots, double load, double patience, string sizes, ReferencePicker picker) =>
        new(replicas, slots, load, patience, sizes == "exp", sizes == "exp" ? 1 : double.Parse(sizes[2..], System.Globalization.CultureInfo.InvariantCulture), picker);

    [TestCase(1, 8, 0.9, 30, "exp")]
    [TestCase(1, 8, 1.0, 10, "ln0.5")]
    [TestCase(1, 8, 0.9, 30, "ln1")]
    [TestCase(1, 8, 0.7, 30, "ln2")]
    [TestCase(2, 8, 1.0, 120, "exp")]
    [TestCase(2, 8, 0.9, 10, "ln2")]
    [TestCase(4, 8, 1.0, 30, "ln0.5")]
    [TestCase(4, 8, 0.9, 120, "ln1")]
    [TestCase(4, 8, 0.9, 300, "ln2")]
    [TestCase(8, 8, 1.0, 10, "ln1")]
    [TestCase(8, 8, 0.7, 30, "ln2")]
    [TestCase(16, 8, 1.0, 300, "ln0.5")]
    [TestCase(16, 8, 0.9, 30, "ln1")]
    [TestCase(64, 8, 1.0, 30, "exp")]
    [TestCase(64, 8, 0.9, 10, "ln0.5")]
    [TestCase(64, 8, 0.9, 120, "ln2")]
    [TestCase(4, 4, 1.0, 30, "ln1")]
    [TestCase(2, 4, 0.9, 10, "ln2")]
    [TestCase(16, 4, 1.1, 120, "ln0.5")]
    [TestCase(1, 4, 0.9, 30, "ln2")]
    // The grid's ends, light and past capacity (the offline grid's gaps for these cells: +0.03, +0.02, -0.06, +0.02, +0.12 point;
    // past capacity with lognormal cv 2 the reference's standard error at 1.5M requests is over the 0.1 point this test requires).
    [TestCase(1, 8, 0.5, 10, "ln0.5")]
    [TestCase(4, 8, 0.5, 10, "ln0.5")]
    [TestCase(2, 8, 1.3, 10, "ln0.5")]
    [TestCase(4, 8, 1.5, 120, "ln0.5")]
    [TestCase(1, 8, 1.5, 10, "ln0.5")]
    public void ShuffleQueueAgreesWithTheReference(int replicas, int slots, double load, double patience, string sizes) =>
        AssertAgrees(Case(replicas, slots, load, patience, sizes, ReferencePicker.Shuffle), 1_500_000);

    [TestCase(1, 8, 1.0, 30, "exp")]
    [TestCase(1, 8, 0.9, 10, "ln1")]
    [TestCase(4, 8, 0.9, 0, "ln2")]
    [TestCase(16, 8, 1.0, 0, "exp")]
    [TestCase(64, 8, 1.1, 0, "ln0.5")]
    public void LeastBusyQueueAgreesWithTheReferenceWhereItHasAForm(int replicas, int slots, double load, double patience, string sizes) =>
        AssertAgrees(Case(replicas, slots, load, patience, sizes, ReferencePicker.LeastBusyInFlight), 1_500_000);

    private static void AssertAgrees(GridCase g, long requests)
    {
        double? form = GridReport.Form(g, out string? whyNot);
        Assert.That(whyNot, Is.Null);
        ReferenceResult r = g.Simulate(requests);
        TestContext.Out.WriteLine($"reference {100 * r.FallbackShare:F3} % ± {100 * r.StandardError:F3}, form {100 * form:F3} %");
        Assert.Multiple(() =>
        {
            Assert.That(r.StandardError, Is.LessThan(MaxStandardError), "reference too noisy to judge");
            Assert.That(form, Is.EqualTo(r.FallbackShare).Within(Tolerance));
        });
    }

    /// <summary>
    /// Issue 13, failure 4: four replicas × 8 slots, flat load, exponential sizes, 30 s patience,
    /// S̄ = 25.6 s. The request engine falls back 1.5 / 3.7 / 7.5 % at load 0.8 / 0.9 / 1.0; the
    /// pooled minute engine 0.00 / 0.11 / 2.2 %. The reference gives 1.49 / 3.64 / 7.34 %, and the
    /// per-replica form (exact here) agrees with it.
    /// </summary>
    [TestCase(0.8, 1.5, 0.00)]
    [TestCase(0.9, 3.7, 0.11)]
    [TestCase(1.0, 7.5, 2.2)]
    public void FourReplicasOfEightSlotsQueueOnTheirOwnReplica(double load, double requestEnginePercent, double pooledPercent)
    {
        double s = Service(8), lambda = load * 32 / s;
        ReferenceResult r = new ReplicaFleetSimulation(4, 8, ReferencePicker.Shuffle, lambda, s, true, 1, 30, 13).Run(3_000_000, 300_000);
        double form = ReplicaQueues.ShuffleFallbackShare(4, 8, lambda, s, 30, SizeDistribution.Exponential, 1);
        Assert.Multiple(() =>
        {
            Assert.That(100 * r.FallbackShare, Is.EqualTo(requestEnginePercent).Within(0.3));
            Assert.That(form, Is.EqualTo(r.FallbackShare).Within(Math.Max(4 * r.StandardError, 0.001)));
            Assert.That(100 * TimeoutQueue.FallbackShare(32, lambda, s, 30), Is.EqualTo(pooledPercent).Within(0.06));
        });
    }

    /// <summary>
    /// Issue 13, failure 3: least-busy counting only requests in flight, 85 % load on 4 × 8 slots,
    /// 30 s patience: a LiteLLM-faithful model falls back 1.35–1.46 %. The reference gives about
    /// 1.47 % (±0.02). The decomposition form is far off there (0.27 %), so the form refuses.
    /// </summary>
    [Test]
    public void LeastBusyInFlightAt85PercentOnFourByEight()
    {
        double s = Service(8), lambda = 0.85 * 32 / s;
        ReferenceResult r = new ReplicaFleetSimulation(4, 8, ReferencePicker.LeastBusyInFlight, lambda, s, true, 1, 30, 17).Run(3_000_000, 300_000);
        TestContext.Out.WriteLine($"reference {100 * r.FallbackShare:F3} % ± {100 * r.StandardError:F3}");
        Assert.Multiple(() =>
        {
            Assert.That(100 * r.FallbackShare, Is.InRange(1.30, 1.60));
            Assert.That(LeastBusyQueue.WhyNoMinuteForm(4, 8, s, 30, SizeDistribution.Exponential, 1), Is.Not.Null);
        });
    }

    [Test]
    public void FormsRefuseWhereTheyAreNotValidated()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReplicaQueues.WhyNoMinuteForm(8, 30, SizeDistribution.LogNormal, 3.0), Does.Contain("request engine"));
            Assert.That(ReplicaQueues.WhyNoMinuteForm(128, 30, SizeDistribution.LogNormal, 1.0), Does.Contain("request engine"));
            Assert.That(ReplicaQueues.WhyNoMinuteForm(128, 30, SizeDistribution.Exponential, 1.0), Is.Null);
            Assert.That(ReplicaQueues.WhyNoMinuteForm(8, 0, SizeDistribution.LogNormal, 3.0), Is.Null);
            Assert.That(LeastBusyQueue.WhyNoMinuteForm(1, 8, 25.6, 30, SizeDistribution.Exponential, 1), Is.Null);
            Assert.That(LeastBusyQueue.WhyNoMinuteForm(4, 8, 25.6, 0, SizeDistribution.LogNormal, 2), Is.Null);
        });
    }

    [Test]
    public void ShuffleIsExactAtItsLimitsForAnyLaw()
    {
        double s = Service(8);
        Assert.Multiple(() =>
        {
            // τ = 0: Erlang B per replica; τ → ∞: the overload excess.
            Assert.That(ReplicaQueues.ShuffleFallbackShare(4, 8, 1.2 * 32 / s, s, 0, SizeDistribution.LogNormal, 2),
                Is.EqualTo(ErlangB.Loss(8, 1.2 * 8)).Within(1e-12));
            Assert.That(ReplicaQueues.ShuffleFallbackShare(4, 8, 1.25 * 32 / s, s, double.PositiveInfinity, SizeDistribution.LogNormal, 2),
                Is.EqualTo(0.2).Within(1e-12));
            // Uniform weights are the identical-replica case.
            Assert.That(ReplicaQueues.ShuffleFallbackShare([1.0, 1, 1, 1], [8, 8, 8, 8], [s, s, s, s], 0.9 * 32 / s, 30, SizeDistribution.LogNormal, 1.5),
                Is.EqualTo(ReplicaQueues.ShuffleFallbackShare(4, 8, 0.9 * 32 / s, s, 30, SizeDistribution.LogNormal, 1.5)).Within(1e-14));
            // Least-busy on one replica is that replica's queue.
            Assert.That(LeastBusyQueue.FallbackShare(1, 8, 0.9 * 8 / s, s, 30, SizeDistribution.Exponential, 1),
                Is.EqualTo(TimeoutQueue.FallbackShare(8, 0.9 * 8 / s, s, 30)).Within(1e-12));
            Assert.That(LeastBusyQueue.FallbackShare(4, 8, 0.9 * 32 / s, s, 0, SizeDistribution.LogNormal, 2),
                Is.EqualTo(ErlangB.Loss(32, 0.9 * 32)).Within(1e-12));
        });
    }
}

/// <summary>
/// Offline tools (explicit: not run in CI): the full agreement grid, and the calibration of the
/// effective-patience table. Both write under tests/FleetSim.Tests/bin.
/// </summary>
[Explicit("offline: the full grid takes about half an hour on two cores")]
public class AgreementGridOffline
{
    [Test]
    public void FullGrid()
    {
        var cases = GridCase.Full().ToArray();
        var results = new ReferenceResult[cases.Length];
        Parallel.For(0, cases.Length, i => results[i] = cases[i].Simulate(600_000));
        string csv = Path.Combine(TestContext.CurrentContext.WorkDirectory, "agreement-grid.csv");
        File.WriteAllLines(csv, cases.Select((g, i) => g.ToCsv(results[i])));
        string md = GridReport.Markdown(cases.Zip(results).ToList(), out double worst, out int refused, out int accepted);
        File.WriteAllText(Path.ChangeExtension(csv, ".md"), md);
        TestContext.Out.WriteLine($"worst accepted {worst:F2} pt over {accepted} cells; {refused} refused; {csv}");
    }

    [Test]
    public void CalibratePatienceFactors()
    {
        int[] slots = [1, 2, 4, 8, 16, 32, 64];
        double[] cvs = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];
        var lines = new string[slots.Length * cvs.Length];
        Parallel.For(0, lines.Length, i =>
        {
            int c = slots[i / cvs.Length];
            double cv = cvs[i % cvs.Length], previous = 1;
            var row = new List<string>();
            for (int k = 0; k < 9; k++)
            {
                double t = 0.05 * Math.Pow(2, k), s = 10, lambda = c / s, tau = t * s;
                long requests = 2_000_000L * Math.Max(1, c / 8);
                ReferenceResult r = new ReplicaFleetSimulation(1, c, ReferencePicker.Shuffle, lambda, s, false, cv, tau, (ulong)(c * 1000 + cv * 100 + t * 10))
                    .Run(requests, requests / 10);
                double lo = 0, hi = 10 * tau;
                for (int it = 0; it < 80; it++)
                {
                    double mid = (lo + hi) / 2;
                    if (TimeoutQueue.FallbackShare(c, lambda, s, mid) > r.FallbackShare)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }
                previous = r.FallbackShare < 0.005 ? previous : lo / tau;
                row.Add(previous.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
            }
            lines[i] = $"        /* c={c,2}, cv={cv,4} */ {string.Join(", ", row)},";
        });
        File.WriteAllLines(Path.Combine(TestContext.CurrentContext.WorkDirectory, "patience-factors.txt"), lines);
    }
}
