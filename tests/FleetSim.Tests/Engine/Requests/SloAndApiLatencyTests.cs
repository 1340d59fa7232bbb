using FleetSim.Engine.Requests;
using FleetSim.Runs;
using FleetSim.Scenario;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>
/// Issue 16, deliver 4 and 5: requests the API serves have a latency (api.latency, a lognormal through
/// its P50 and P95), and a run says whether its P95 latencies meet the scenario's slo.
/// </summary>
public class SloAndApiLatencyTests
{
    /// <summary>
    /// spill hands a request to the API the moment it finds no slot, so its end to end is the API's own
    /// latency: a lognormal with median 20 s and P95 60 s, whose P99 is 20·e^(2.3263·ln 3 / 1.6449) = 94.7 s.
    /// </summary>
    [Test]
    public void TheApiPathHasTheLatencyItWasGiven()
    {
        RequestRun run = RequestRuns.Of(Scenarios.ConstantLoad(1.2 * 4 * 26_600, 4, "spill", "horizon_hours=48",
            "api.latency={p50_seconds: 20, p95_seconds: 60}"));
        Assert.That(run.ApiEndToEnd, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(run.Requests.Spilled, Is.GreaterThan(10_000), "enough requests went to the API to judge");
            Assert.That(run.ApiEndToEnd!.P50, Is.EqualTo(20).Within(2).Percent);
            Assert.That(run.ApiEndToEnd.P95, Is.EqualTo(60).Within(3).Percent);
            Assert.That(run.ApiEndToEnd.P99, Is.EqualTo(20 * Math.Exp(2.3263478740408408 * Math.Log(3) / 1.6448536269514722)).Within(5).Percent);
        });
    }

    /// <summary>The API's latency has a stream of its own: the fleet's requests are the same with or without it.</summary>
    [Test]
    public void GivingTheApiALatencyChangesNothingElse()
    {
        RequestRun plain = RequestRuns.Of(Scenarios.ConstantLoad(1.2 * 4 * 26_600, 4, "spill", "horizon_hours=12"));
        RequestRun timed = RequestRuns.Of(Scenarios.ConstantLoad(1.2 * 4 * 26_600, 4, "spill", "horizon_hours=12", "api.latency={p50_seconds: 2, p95_seconds: 8}"));
        Assert.Multiple(() =>
        {
            Assert.That(timed.Requests, Is.EqualTo(plain.Requests));
            Assert.That(timed.EndToEnd, Is.EqualTo(plain.EndToEnd));
            Assert.That(plain.ApiEndToEnd, Is.Null);
        });
    }

    /// <summary>A queue's timed-out request waited its patience before the API took it: its end to end is at least that.</summary>
    [Test]
    public void AFallbackAfterAWaitCountsTheWait()
    {
        RequestRun run = RequestRuns.Of(Scenarios.ConstantLoad(1.5 * 4 * 26_600, 4, "queue", "horizon_hours=24", "router.patience_seconds=30",
            "api.latency={p50_seconds: 1, p95_seconds: 2}"));
        // Nearly all of the API's requests timed out after 30 s (a full queue's patience), then took 1–2 s there.
        Assert.That(run.Requests.TimedOut, Is.GreaterThan(run.Requests.Spilled * 9 / 10));
        Assert.That(run.ApiEndToEnd!.P50, Is.EqualTo(31).Within(1.5));
    }

    [Test]
    public void TheSloIsMetExactlyWhenEachP95IsWithinItsTarget()
    {
        ScenarioSpec s = Scenarios.Seed("horizon_hours=24", "slo={ttft_p95_seconds: 3, tpot_p95_ms: 30, e2e_p95_seconds: 60}");
        ScenarioRun run = ScenarioRun.Of(s, FleetSim.Engine.EngineChoice.Request);
        RequestRun r = run.Requests!;
        IReadOnlyList<SloResult> results = SloAttainment.Of(s, r);
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(x => x.Measure), Is.EqualTo(new[] { "time to first token", "time per output token", "end to end" }));
            Assert.That(results[0].Met, Is.EqualTo(r.TimeToFirstToken.P95 <= 3));
            Assert.That(results[1].Met, Is.EqualTo(r.TimePerOutputToken.P95 <= 0.030));
            Assert.That(results[2].Met, Is.EqualTo(r.EndToEnd.P95 <= 60));
            Assert.That(results[1].TargetSeconds, Is.EqualTo(0.030), "tpot_p95_ms is milliseconds");
        });
    }

    [Test]
    public void TheMinuteEngineLeavesTheSloUncheckedRatherThanGuessing()
    {
        ScenarioSpec s = Scenarios.Seed("slo={e2e_p95_seconds: 60}");
        ScenarioRun run = ScenarioRun.Of(s, FleetSim.Engine.EngineChoice.Minute);
        Assert.That(SloAttainment.Of(s, run.Requests).Single().Met, Is.Null);
    }

    /// <summary>With no replica nothing is self-hosted: that path is unmeasured, not met with a P95 of 0 s; the API path is measured.</summary>
    [Test]
    public void APathNoRequestTookIsUnmeasuredNotMet()
    {
        ScenarioSpec s = Scenarios.Seed("horizon_hours=6", "fleet.replicas=0", "slo={e2e_p95_seconds: 60}", "api.latency={p50_seconds: 2, p95_seconds: 10}");
        ScenarioRun run = ScenarioRun.Of(s, FleetSim.Engine.EngineChoice.Request);
        IReadOnlyList<SloResult> results = SloAttainment.Of(s, run.Requests);
        Assert.Multiple(() =>
        {
            Assert.That(results[0].Measure, Is.EqualTo("end to end"));
            Assert.That(results[0].P95Seconds, Is.Null);
            Assert.That(results[0].Met, Is.Null);
            Assert.That(results[1].Measure, Is.EqualTo("end to end on the API path"));
            Assert.That(results[1].P95Seconds, Is.EqualTo(10).Within(3).Percent);
            Assert.That(results[1].Met, Is.True);
            Assert.That(FleetSim.Reporting.BillTable.Render(run), Does.Contain("none (no request was self-hosted)").And.Not.Contain("more tokens on the fleet"));
        });
    }

    [TestCase("slo={}", "slo", "names no objective")]
    [TestCase("slo={ttft_p95: 3}", "slo.ttft_p95", "unknown key")]
    [TestCase("api.latency={p50_seconds: 20, p95_seconds: 10}", "api.latency.p95_seconds", "below p50_seconds 20 s")]
    [TestCase("api.latency={p50_seconds: 20}", "api.latency.p95_seconds", "is required but missing")]
    public void BadSettingsAreRefusedNamingTheKey(string set, string key, string problem)
    {
        var e = Assert.Throws<ScenarioException>(() => Scenarios.Seed(set));
        Assert.That(e!.Message, Does.Contain(key).And.Contain(problem));
    }
}
