using FleetSim.Engine;
using FleetSim.Engine.Requests;
using FleetSim.Reporting;
using FleetSim.Runs;
using FleetSim.Scaling;
using FleetSim.Scenario;

namespace FleetSim.Tests.Scenario;

/// <summary>
/// SLO-aware sizing (issue 16, Deliver 5): the worst case in service with every slot busy, the largest
/// max in flight that meets the SLO, and the policies sizing with it. Expected values are worked out
/// by hand below (scipy for the normal quantile), never read off FleetSim.
/// </summary>
/// <remarks>
/// The seed's mix: 85K processed tokens, 1K output, 83.5 % cached input, lognormal with cv 1:
/// σ² = ln 2, μ = ln 85,000 − σ²/2 = 11.003833, so the P95 size is e^(μ + 1.644854σ) = 236,395.9 tokens.
/// Fresh input per processed token f = 84,000 × 0.165 / 85,000 = 0.163059; output per processed token
/// o = 1/85. The TPOT bound's size is the 5th percentile above 2/o = 170 tokens (P(X &lt; 170) ≈ 9e-13):
/// e^(μ + σ·Φ⁻¹(0.05)) = 15,281.56 tokens. Prefill 4 × 26,600 = 106,400 tok/s.
/// The curve [[1, 8312], [2, 14000], [4, 21000], [8, 26600]] gives R(3) = 17,500, R(5) = 22,400,
/// R(6) = 23,800, R(7) = 25,200; the slowest pace up to n is R(n)/n (the curve is concave).
/// </remarks>
public sealed class SloInFlightTests
{
    private const string Curve = "replica.throughput_curve=[[1, 8312], [2, 14000], [4, 21000], [8, 26600]]";

    [Test]
    public void TheWorstCaseIsTheBoundWorkedOutByHand()
    {
        ScenarioSpec s = Scenarios.Seed(Curve);
        WorstCaseLatency at6 = WorstCaseLatency.Of(s.Replica, s.Traffic.RequestMix, 6);
        WorstCaseLatency at8 = WorstCaseLatency.Of(s.Replica, s.Traffic.RequestMix, 8);
        Assert.Multiple(() =>
        {
            // TTFT = f·x95·n/P; end to end = x95 / (R(n)/n); TPOT = x5·(n/R(n) − f/P)/(o·x5 − 1).
            Assert.That(at6.TimeToFirstTokenSeconds, Is.EqualTo(0.16305882352941176 * 236_395.94636 * 6 / 106_400).Within(1e-4).Percent);
            Assert.That(at6.EndToEndSeconds, Is.EqualTo(59.595617).Within(1e-4).Percent);
            Assert.That(at6.TimePerOutputTokenSeconds, Is.EqualTo(0.021417438).Within(1e-4).Percent);
            Assert.That(at8.TimeToFirstTokenSeconds, Is.EqualTo(2.8982289).Within(1e-4).Percent);
            Assert.That(at8.EndToEndSeconds, Is.EqualTo(71.096525).Within(1e-4).Percent);
            Assert.That(at8.TimePerOutputTokenSeconds, Is.EqualTo(0.025575906).Within(1e-4).Percent);
        });
    }

    [Test]
    public void ExponentialAndFixedSizesTakeTheirOwnQuantiles()
    {
        ScenarioSpec exp = Scenarios.Seed("traffic.request_mix.size_distribution=exponential");
        ScenarioSpec fixedSize = Scenarios.Seed("traffic.request_mix.size_cv=0");
        Assert.Multiple(() =>
        {
            // Exponential: x95 = −85,000·ln 0.05 = 254,637.2; slot pace 26,600/8 = 3,325 tok/s.
            Assert.That(WorstCaseLatency.Of(exp.Replica, exp.Traffic.RequestMix, 8).EndToEndSeconds, Is.EqualTo(254_637.24 / 3_325).Within(1e-4).Percent);
            // Every request 85,000 tokens: 85,000/3,325 s; TPOT 85,000·(1/3,325 − f/P)/(1,000 − 1).
            WorstCaseLatency w = WorstCaseLatency.Of(fixedSize.Replica, fixedSize.Traffic.RequestMix, 8);
            Assert.That(w.EndToEndSeconds, Is.EqualTo(85_000 / 3_325.0).Within(1e-9).Percent);
            Assert.That(w.TimePerOutputTokenSeconds, Is.EqualTo(85_000 * (1 / 3_325.0 - 0.16305882352941176 / 106_400) / 999).Within(1e-9).Percent);
        });
    }

    [Test]
    public void TheMaxInFlightIsTheMostWhoseWorstCaseMeetsEveryObjective()
    {
        // e2e 60 s: 59.6 s at 6, 65.7 s at 7 → 6. TTFT 1.5 s: 1.449 s at 4, 1.811 s at 5 → 4 (the tighter wins).
        ScenarioSpec e2e = Scenarios.Seed(Curve, "slo={e2e_p95_seconds: 60}");
        ScenarioSpec both = Scenarios.Seed(Curve, "slo={e2e_p95_seconds: 60, ttft_p95_seconds: 1.5}");
        Assert.Multiple(() =>
        {
            Assert.That(e2e.SloInFlight!.InFlight, Is.EqualTo(6));
            Assert.That(e2e.Replica.MaxInFlight, Is.EqualTo(6));
            Assert.That(e2e.Replica.Throughput.Value, Is.EqualTo(23_800), "R(6) on the curve");
            Assert.That(e2e.Replica.Curve.At(1), Is.EqualTo(8_312), "the curve below the cap is kept");
            Assert.That(e2e.Replica.Prefill.Value, Is.EqualTo(106_400), "admitting fewer does not slow prefill");
            Assert.That(e2e.Warnings, Has.Some.Contains("replica.max_in_flight 8 → 6").And.Some.Contains("e2e_p95_seconds 60: up to 71.1 s"));
            Assert.That(both.SloInFlight!.InFlight, Is.EqualTo(4));
            Assert.That(both.Replica.Throughput.Value, Is.EqualTo(21_000));
        });
    }

    [Test]
    public void CapInFlightFalseKeepsTheReplicaAndSaysWhatWouldMeetTheSlo()
    {
        ScenarioSpec s = Scenarios.Seed(Curve, "slo={e2e_p95_seconds: 60, cap_in_flight: false}");
        Assert.Multiple(() =>
        {
            Assert.That(s.Replica.MaxInFlight, Is.EqualTo(8));
            Assert.That(s.SloInFlight!.InFlight, Is.EqualTo(6));
            Assert.That(s.Warnings, Has.Some.Contains("worst case (every slot busy) is over its target").And.Some.Contains("at 6 in flight it would be within it"));
        });
    }

    [Test]
    public void AReplicaThatCannotMeetTheSloAtAnyMaxInFlightSaysSoAndRunsAsGiven()
    {
        // The slot model's pace is R/c whatever the load: end to end 71.1 s at every n, over 60 s.
        ScenarioSpec s = Scenarios.Seed("slo={e2e_p95_seconds: 60}");
        Assert.Multiple(() =>
        {
            Assert.That(s.SloInFlight!.InFlight, Is.Null);
            Assert.That(s.Replica.MaxInFlight, Is.EqualTo(8));
            Assert.That(s.Warnings, Has.Some.Contains("no max in flight meets it").And.Some.Contains("up to 71.1 s"));
        });
    }

    [Test]
    public void WithoutAnSloNothingChanges()
    {
        ScenarioSpec plain = Scenarios.Seed(Curve);
        Assert.Multiple(() =>
        {
            Assert.That(plain.SloInFlight, Is.Null);
            Assert.That(plain.Replica.MaxInFlight, Is.EqualTo(8));
            ScenarioSpec loose = Scenarios.Seed(Curve, "slo={e2e_p95_seconds: 600}");
            Assert.That((loose.Replica.MaxInFlight, loose.Replica.Throughput, loose.Replica.PrefillOverride), Is.EqualTo((8, plain.Replica.Throughput, (Units.TokensPerSecond?)null)),
                        "an SLO the full batch meets lowers nothing");
            Assert.That(loose.Warnings, Is.EqualTo(plain.Warnings));
        });
    }

    /// <summary>
    /// The floor under the trough with the SLO's replica: ⌊110,000 / R(4) = 21,000⌋ = 5 replicas, 6 on
    /// whole 8-GPU nodes (two TP4 replicas a node), against ⌊110,000 / 26,600⌋ = 4 without it. Every
    /// planner sizes with the lowered throughput.
    /// </summary>
    [Test]
    public void FloorSizesWithTheSlosMaxInFlight()
    {
        ScenarioSpec plain = Scenarios.Seed(Curve);
        ScenarioSpec slo = Scenarios.Seed(Curve, "slo={e2e_p95_seconds: 60, ttft_p95_seconds: 1.5}");
        PolicyComparison p = PolicyComparison.Of(plain, ["floor"]), q = PolicyComparison.Of(slo, ["floor"]);
        Assert.Multiple(() =>
        {
            Assert.That(p["floor"].MeanServingReplicas, Is.EqualTo(4));
            Assert.That(q["floor"].MeanServingReplicas, Is.EqualTo(6));
        });
    }

    /// <summary>
    /// The guarantee is a bound, so a run may only come in under it: at two loads (light, and past the
    /// fleet, where every slot is busy nearly all the time) the request engine's P95s are within the
    /// worst case, and past the fleet end to end comes close to it (the bound is not idle slack).
    /// </summary>
    [TestCase(0.3)]
    [TestCase(1.6)]
    public void TheRequestEngineComesInUnderTheWorstCase(double load)
    {
        ScenarioSpec s = Scenarios.ConstantLoad(load * 2 * 23_800, 2, "spill", "horizon_hours=6", Curve, "slo={e2e_p95_seconds: 60}");
        RequestRun r = ScenarioRun.Of(s, EngineChoice.Request).Requests!;
        WorstCaseLatency w = WorstCaseLatency.Of(s.Replica, s.Traffic.RequestMix, 6);
        Assert.That(r.Requests.SelfHosted, Is.GreaterThan(2_000));
        Assert.Multiple(() =>
        {
            Assert.That(r.TimeToFirstToken.P95, Is.LessThanOrEqualTo(w.TimeToFirstTokenSeconds * 1.05));
            Assert.That(r.TimePerOutputToken.P95, Is.LessThanOrEqualTo(w.TimePerOutputTokenSeconds!.Value * 1.05));
            Assert.That(r.EndToEnd.P95, Is.LessThanOrEqualTo(w.EndToEndSeconds * 1.05));
            if (load > 1)
            {
                Assert.That(r.EndToEnd.P95, Is.GreaterThan(w.EndToEndSeconds * 0.8), "with every slot busy nearly always, the bound is nearly reached");
            }
        });
    }

    [Test]
    public void TheMinuteEngineReportsTheGuaranteeAndCompareNamesIt()
    {
        ScenarioSpec s = Scenarios.Seed(Curve, "slo={e2e_p95_seconds: 60, tpot_p95_ms: 20}");
        // tpot 20 ms: 18.95 ms at 5, 21.42 ms at 6 → 5; end to end 52.8 s at 5.
        IReadOnlyList<SloResult> results = SloAttainment.Of(s, null);
        string compare = CompareTable.Render(PolicyComparison.Of(s, ["floor", "schedule"]));
        Assert.Multiple(() =>
        {
            Assert.That(s.Replica.MaxInFlight, Is.EqualTo(5));
            Assert.That(results.Select(x => x.Met), Is.All.True);
            Assert.That(results.Select(x => x.Basis), Is.All.EqualTo("worst case"));
            Assert.That(results[0].WorstCaseP95Seconds, Is.EqualTo(0.01894835).Within(1e-4).Percent);
            Assert.That(compare, Does.Contain("SLO, every policy (5 requests in flight a replica): met: ").And.Contain("end to end P95 at most 52.8 s of 60.0 s (every slot busy)"));
        });
    }

    [Test]
    public void AQueueingRouterIsBoundOnlyInTimePerOutputToken()
    {
        ScenarioSpec s = Scenarios.Seed("router.mode=queue", "router.patience_seconds=30", "slo={e2e_p95_seconds: 600, tpot_p95_ms: 30}");
        IReadOnlyList<SloResult> results = SloAttainment.Of(s, null);
        Assert.Multiple(() =>
        {
            Assert.That(results[0].Measure, Is.EqualTo("time per output token"));
            Assert.That(results[0].Met, Is.True, "25.6 ms with every slot busy, wherever the request waited first");
            Assert.That(results[1].WorstCaseP95Seconds, Is.Null, "the queue's wait has no bound without a run");
            Assert.That(results[1].Met, Is.Null);
            Assert.That(SloText.Line(results, requestEngine: false), Does.StartWith("met where checked (1 of 2)").And.Contain("fleetsim run --engine request measures it"));
        });
    }

    /// <summary>
    /// Under a router that makes a request wait, a lower max in flight only lengthens the wait: TTFT and
    /// end-to-end objectives set none (a warning says so); time per output token still does
    /// (tpot 20 ms: 18.95 ms at 5, 21.42 ms at 6 → 5).
    /// </summary>
    [Test]
    public void AQueueingRoutersWaitSetsNoMaxInFlight()
    {
        ScenarioSpec ttft = Scenarios.Seed(Curve, "router.mode=queue", "router.patience_seconds=20", "slo={ttft_p95_seconds: 1.5, e2e_p95_seconds: 60}");
        ScenarioSpec tpot = Scenarios.Seed(Curve, "router.mode=queue", "router.patience_seconds=20", "slo={ttft_p95_seconds: 1.5, tpot_p95_ms: 20}");
        Assert.Multiple(() =>
        {
            Assert.That(ttft.Replica.MaxInFlight, Is.EqualTo(8));
            Assert.That(ttft.Warnings, Has.Some.Contains("under router.mode queue a request may wait before it starts"));
            Assert.That(tpot.Replica.MaxInFlight, Is.EqualTo(5));
        });
    }

    /// <summary>A fleet of no replica self-hosts nothing: its path is unmeasured, not met by a worst case no request ran into.</summary>
    [Test]
    public void NoReplicaMeansNothingMetOnTheSelfHostedPath()
    {
        ScenarioSpec s = Scenarios.Seed(Curve, "fleet.replicas=0", "slo={e2e_p95_seconds: 600}");
        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Minute);
        SloResult e2e = SloAttainment.Of(s, null, fleetServes: run.Fleet.Replicas > 0).Single();
        Assert.Multiple(() =>
        {
            Assert.That(e2e.Met, Is.Null);
            Assert.That(BillTable.Render(run), Does.Contain("SLO          not checked: end to end not checked (no request took that path)"));
        });
    }
}
