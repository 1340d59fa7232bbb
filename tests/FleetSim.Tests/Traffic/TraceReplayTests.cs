using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Traffic;

/// <summary>
/// The request engine's replay of a trace: independent of how densely the trace samples the traffic,
/// in agreement with the minute engine, and exact in volume for any horizon (issue 14, items 1 and 2).
/// </summary>
public sealed class TraceReplayTests : TraceFixtures
{
    /// <summary>Erlang B by the standard recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).</summary>
    private static double ErlangB(int servers, double erlangs)
    {
        double b = 1;
        for (int k = 1; k <= servers; k++)
        {
            b = erlangs * b / (k + erlangs * b);
        }
        return b;
    }

    [Test]
    public void SparseAndDenseSamplesOfOneProcessSpillAlikeAndAsTheMinuteEngineAndErlangB()
    {
        // One hour of Poisson arrivals of 1,000-token requests at 1/s (sparse) and at 222/s (dense),
        // both scaled to 583B tokens a month: 222K tok/s on 8 replicas × 8 slots at 26.6K tok/s.
        // A slot holds a request for 1,000 · 8 / 26,600 s, so the offered load is 222K · 8 / 26.6K
        // erlangs on 64 slots; the spill share of a loss system is Erlang B (PASTA, insensitivity).
        string sparse = BurstGpt("sparse.csv", Poisson(1, 3600, seed: 1));
        string dense = BurstGpt("dense.csv", Poisson(583e9 / (730 * 3600.0) / 1000, 3600, seed: 2));
        const string volume = "  scale_to_monthly_tokens: 583B";
        ScenarioRun sparseRun = ScenarioRun.Of(OnTrace(sparse, 2, volume), EngineChoice.Request);
        ScenarioRun denseRun = ScenarioRun.Of(OnTrace(dense, 2, volume), EngineChoice.Request);
        double rate = 583e9 / (730 * 3600.0);
        double erlangB = ErlangB(64, rate * 8 / 26_600);
        double target = 583e9 * 2 / 730;
        TestContext.Out.WriteLine($"spill: sparse {sparseRun.Bill.SpillShare:P2} (minute engine {sparseRun.MinuteBill!.SpillShare:P2}), " +
                                  $"dense {denseRun.Bill.SpillShare:P2} (minute engine {denseRun.MinuteBill!.SpillShare:P2}), Erlang B {erlangB:P2}");
        Assert.Multiple(() =>
        {
            Assert.That(sparseRun.Bill.SpillShare, Is.EqualTo(denseRun.Bill.SpillShare).Within(0.01), "sparse vs dense sampling");
            Assert.That(sparseRun.Bill.SpillShare, Is.EqualTo(sparseRun.MinuteBill!.SpillShare).Within(0.01), "sparse: request vs minute engine");
            Assert.That(denseRun.Bill.SpillShare, Is.EqualTo(denseRun.MinuteBill!.SpillShare).Within(0.01), "dense: request vs minute engine");
            Assert.That(denseRun.Bill.SpillShare, Is.EqualTo(erlangB).Within(0.01), "dense: Erlang B at the mean rate");
            Assert.That(sparseRun.Requests!.DemandTokens.Value, Is.EqualTo(target).Within(0.5).Percent);
            Assert.That(denseRun.Requests!.DemandTokens.Value, Is.EqualTo(target).Within(0.5).Percent);
        });
    }

    [Test]
    public void AHorizonThatDoesNotDivideTheTraceCarriesItsOwnMinutes()
    {
        // Two hours per minute, the first at 3× the second, undated (its first minute is Monday 00:00).
        // A 730-hour month is 365 passes of 2 hours, each carrying M/365, 3/4 of it in the first hour:
        // a 1-hour horizon carries M · 3 / (4 · 365).
        string trace = PerMinute("two-hours.csv", [.. Enumerable.Repeat(300, 60), .. Enumerable.Repeat(100, 60)]);
        ScenarioSpec s = OnTrace(trace, 1, "  scale_to_monthly_tokens: 583B");
        double expected = 583e9 * 3 / (4 * 365.0);
        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Request);
        Assert.Multiple(() =>
        {
            Assert.That(DemandBuilder.Build(s.Traffic, s.Horizon).Total.Value, Is.EqualTo(expected).Within(1e-9).Percent, "minute engine");
            Assert.That(run.Requests!.DemandTokens.Value, Is.EqualTo(expected).Within(0.5).Percent, "request engine");
        });
    }

    [Test]
    public void ADayOfAWeekLongTraceCarriesThatDaysShare()
    {
        // Seven days per minute, day d (Monday = 0) at (d + 1) × 10 requests a minute: Monday carries 1/28 of
        // the week's tokens. The volume sets the trace's average rate, so a week carries M · 168 / 730 and its
        // Monday M · 168 / 730 / 28 = M · 6 / 730.
        string trace = PerMinute("week.csv", Enumerable.Range(0, 7 * 1440).Select(m => (m / 1440 + 1) * 10));
        ScenarioSpec s = OnTrace(trace, 24, "  scale_to_monthly_tokens: 583B", fleet: "replicas: 2");
        double expected = 583e9 * 6 / 730;
        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Request);
        Assert.Multiple(() =>
        {
            Assert.That(DemandBuilder.Build(s.Traffic, s.Horizon).Total.Value, Is.EqualTo(expected).Within(1e-9).Percent, "minute engine");
            Assert.That(run.Requests!.DemandTokens.Value, Is.EqualTo(expected).Within(0.5).Percent, "request engine");
        });
    }

    [Test]
    public void AReplayStartingMidTraceFollowsTheMinuteEngineHourByHour()
    {
        // A dated day starting Wednesday 2024-01-03 18:00 UTC: the calendar's Monday 00:00 replays its
        // 06:00 onwards... in fact minute (0 − start) mod 1,440: trace minute 360. The request engine's
        // demand must follow the minute engine's, not the trace's first hour.
        var start = new DateTime(2024, 1, 3, 18, 0, 0);
        var stamps = Enumerable.Range(0, 24 * 60 * 20).Select(i => start.AddSeconds(3 * i)).Where(t => t.Hour is < 18 or >= 22 || t.Second % 6 == 0);
        string trace = Azure("day.csv", stamps);
        ScenarioSpec s = OnTrace(trace, 24, "  scale_to_monthly_tokens: 58B", fleet: "replicas: 1");
        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Request);
        DemandSeries minute = DemandBuilder.Build(s.Traffic, s.Horizon);
        Assert.That(run.Requests!.DemandTokens.Value, Is.EqualTo(minute.Total.Value).Within(0.5).Percent);
    }

    [Test]
    public void AnAggregateTracesRequestsVaryInSizeAboutTheRowsMean()
    {
        // Per-minute rows record only a minute's sum: its requests are drawn lognormal about the mean with the
        // mix's default CV of 1, so on a lightly loaded fleet (no waiting) the end-to-end time, proportional to
        // size, spreads: for a lognormal of CV 1, P95 / P50 = exp(1.645·σ + σ²/2) / exp(σ²/2) · ... with
        // σ² = ln 2: P95 / P50 = exp(1.645 · 0.8326) = 3.94. The volume is still the minute engine's.
        string trace = PerMinute("flat.csv", Enumerable.Repeat(10, 1440));
        ScenarioSpec s = OnTrace(trace, 24, "  scale_to_monthly_tokens: 5B", fleet: "replicas: 8");
        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Request);
        var e2e = run.Requests!.EndToEnd;
        Assert.Multiple(() =>
        {
            Assert.That(e2e.P95 / e2e.P50, Is.EqualTo(Math.Exp(1.645 * Math.Sqrt(Math.Log(2)))).Within(8).Percent);
            Assert.That(run.Requests.DemandTokens.Value, Is.EqualTo(DemandBuilder.Build(s.Traffic, s.Horizon).Total.Value).Within(1).Percent);
        });
    }
}
