using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Tests.Engine.Requests;

namespace FleetSim.Tests.Routing;

/// <summary>
/// Issue 13's failures 4 and 5 through the whole minute engine (the forms themselves are tested in
/// <see cref="MinuteFormAgreementTests"/>): per-replica queues rather than one pooled queue, and the
/// API's rate limits applied rather than ignored.
/// </summary>
public sealed class MinuteEngineRouterTests
{
    /// <remarks>
    /// Four replicas × 8 slots, flat load, exponential sizes, 30 s patience, simple-shuffle: the
    /// independent reference simulation (tests/…/Routing/Reference) falls back 1.49 / 3.64 / 7.34 % at
    /// load 0.8 / 0.9 / 1.0 (the request engine: 1.5 / 3.7 / 7.5 %); one pooled queue of 32
    /// slots gave 0.00 / 0.11 / 2.2 %.
    /// </remarks>
    [TestCase(0.8, 0.0149)]
    [TestCase(0.9, 0.0364)]
    [TestCase(1.0, 0.0734)]
    public void TheMinuteEngineQueuesOnEachReplica(double load, double reference)
    {
        ScenarioSpec s = Scenarios.ConstantLoad(RequestRuns.TokensPerSecondFor(load * 32, 8), 4, "queue",
            "router.patience_seconds=30", "traffic.request_mix.size_distribution=exponential", "horizon_hours=24");
        ScenarioRun run = ScenarioRun.Of(s, global::FleetSim.Engine.EngineChoice.Minute, expectedMonth: true);
        Assert.That(run.Bill.SpillShare, Is.EqualTo(reference).Within(0.002));
    }

    /// <remarks>
    /// A flat load 1.5× what 4 replicas run, spill router, API capped at 20 requests a minute. About
    /// 37 requests a minute spill (Poisson), so the cap binds nearly always and the API takes about
    /// 20 × 85K = 1.7M tokens a minute, 2.448B a day; the rest of the ~4.6B spilled is dropped.
    /// </remarks>
    [Test]
    public void TheMinuteEngineHoldsTheApiToItsRequestLimit()
    {
        double capacity = 4 * RequestRuns.ReplicaTokensPerSecond;
        ScenarioSpec s = Scenarios.ConstantLoad(1.5 * capacity, 4, "spill", "api.requests_per_minute=20", "horizon_hours=24");
        ScenarioRun run = ScenarioRun.Of(s, global::FleetSim.Engine.EngineChoice.Minute, expectedMonth: true);
        double perDay = 20 * 85_000.0 * 1440;
        TestContext.Out.WriteLine($"to the API {run.Bill.Spilled.Value / 1e9:F3}B, dropped {run.Bill.Dropped.Value / 1e9:F3}B");
        Assert.Multiple(() =>
        {
            Assert.That(run.Bill.Spilled.Value, Is.EqualTo(perDay).Within(1).Percent);
            Assert.That(run.Bill.Dropped.Value, Is.GreaterThan(1.5e9));
            Assert.That(run.Warnings, Has.Some.Contains("INFEASIBLE"));
        });
    }
}
