using FleetSim.Pricing;
using System.Collections.Concurrent;
using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Engine;
using FleetSim.Engine.Requests;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>Bookkeeping every request-engine mode must keep, on the seed's day (demand from 1.0× to 3× capacity).</summary>
[Parallelizable(ParallelScope.All)]
public class InvariantTests
{
    /// <summary>Every mode the request engine runs, with API limits tight enough at the peak that some requests are dropped.</summary>
    private static readonly string[][] Modes =
    [
        ["router.mode=spill"],
        ["router.mode=spill", "router.strategy=least-busy", "api.requests_per_minute=100"],
        ["router.mode=queue", "router.patience_seconds=30"],
        ["router.mode=queue", "router.patience_seconds=30", "router.strategy=least-busy", "api.tokens_per_minute=8M"],
        ["router.mode=queue"],
        ["router.mode=cooldown"],
        ["router.mode=cooldown", "router.retries=2", "router.cooldown_seconds=1", "api.outages=[{start_hour: 14, hours: 2}]"],
    ];

    private static IEnumerable<TestCaseData> EveryMode() =>
        Modes.Select(m => new TestCaseData((object)m).SetArgDisplayNames(string.Join(" ", m)));

    private static readonly ConcurrentDictionary<string, Lazy<RequestRun>> SeedOneDays = new();

    private static RequestRun Day(string[] mode, int seed, int hours = 24) =>
        RequestRuns.Of(Scenarios.Seed([$"horizon_hours={hours}", $"seed={seed}", .. mode]));

    /// <summary>The seed-1 day of a mode, run once for the tests that only read it.</summary>
    private static RequestRun Day(string[] mode) =>
        SeedOneDays.GetOrAdd(string.Join(" ", mode), _ => new Lazy<RequestRun>(() => Day(mode, 1))).Value;

    [TestCaseSource(nameof(EveryMode))]
    public void TokensAndRequestsAddUp(string[] mode)
    {
        RequestRun run = Day(mode);
        RequestCounts n = run.Requests;
        TestContext.Out.WriteLine($"{n}; utilization {run.Utilization:P2}");
        double accounted = run.SelfHosted.Value + run.Spilled.Value + run.Dropped.Value;
        Assert.Multiple(() =>
        {
            Assert.That(n.Total, Is.GreaterThan(200_000));
            Assert.That(accounted, Is.EqualTo(run.DemandTokens.Value).Within(1e-9 * run.DemandTokens.Value));
            Assert.That(n.SelfHosted + n.Spilled + n.Dropped, Is.EqualTo(n.Total));
            Assert.That(n.SelfHosted, Is.GreaterThan(0));
            Assert.That(n.Spilled + n.Dropped, Is.GreaterThan(0));
            Assert.That(n.TimedOut, Is.LessThanOrEqualTo(n.Spilled + n.Dropped));
            Assert.That(n.Unfinished, Is.LessThanOrEqualTo(n.Dropped));
            // The drawn demand is the series' demand, up to the noise of ~200K random sizes.
            Assert.That(run.DemandTokens.Value, Is.EqualTo(run.Demand.Total.Value).Within(2).Percent);
            Assert.That(run.QueueWait.Mean, Is.GreaterThanOrEqualTo(0));
            Assert.That(run.EndToEnd.P50, Is.LessThanOrEqualTo(run.EndToEnd.P99));
        });
    }

    [TestCaseSource(nameof(EveryMode))]
    public void CostsAreNonNegativeAndUtilizationIsAShare(string[] mode)
    {
        RequestRun run = Day(mode);
        Bill bill = Bill.For(run.Outcome, run.Fleet.Leases(0, NodeKind.OnDemand), run.Demand.Minutes, new ScenarioPrices(Scenarios.Seed(["horizon_hours=24", .. mode])));
        Assert.Multiple(() =>
        {
            Assert.That(bill.SelfHost.Value, Is.GreaterThan(0));
            Assert.That(bill.Spill.Value, Is.GreaterThanOrEqualTo(0));
            Assert.That(bill.Total.Value, Is.GreaterThanOrEqualTo(bill.SelfHost.Value));
            Assert.That(bill.AllApi.Value, Is.GreaterThan(0));
            Assert.That(bill.SpillShare, Is.InRange(0.0, 1.0));
            Assert.That(bill.DropShare, Is.InRange(0.0, 1.0));
            Assert.That(run.Utilization, Is.InRange(0.0, 1.0));
            Assert.That(run.TroughUtilization, Is.InRange(0.0, 1.0));
            Assert.That(run.InFlightPerMinute, Has.All.InRange(0.0, run.Fleet.Slots + 1e-9)); // a sum of slot intervals: rounding only
            Assert.That(run.InFlightPerMinute, Has.Length.EqualTo(24 * 60));
        });
    }

    [TestCaseSource(nameof(EveryMode))]
    public void SameSeedSameRunOtherSeedOtherRun(string[] mode)
    {
        // Six hours of the night, when demand is already above capacity: every mode spills.
        RequestRun first = Day(mode, 1, hours: 6), again = Day(mode, 1, hours: 6), other = Day(mode, 2, hours: 6);
        Assert.Multiple(() =>
        {
            Assert.That(Numbers(again), Is.EqualTo(Numbers(first)));
            Assert.That(again.InFlightPerMinute, Is.EqualTo(first.InFlightPerMinute));
            Assert.That(again.Events, Is.EqualTo(first.Events));
            Assert.That(other.Requests.Total, Is.Not.EqualTo(first.Requests.Total));
            Assert.That(other.DemandTokens.Value, Is.Not.EqualTo(first.DemandTokens.Value));
            Assert.That(other.SelfHosted.Value, Is.Not.EqualTo(first.SelfHosted.Value));
            Assert.That(other.Spilled.Value + other.Dropped.Value, Is.Not.EqualTo(first.Spilled.Value + first.Dropped.Value));
            Assert.That(other.InFlightPerMinute, Is.Not.EqualTo(first.InFlightPerMinute));
        });
    }

    private static object[] Numbers(RequestRun r) =>
        [r.Seed, r.DemandTokens, r.SelfHosted, r.Spilled, r.Dropped, r.Requests, r.QueueWait, r.TimeToFirstToken, r.EndToEnd, r.Utilization];

    [Test]
    public void ScenarioRunOnTheRequestEngineBillsWhatTheRequestsDid()
    {
        ScenarioRun run = ScenarioRun.Of(Scenarios.Seed("horizon_hours=24", "router.mode=queue", "router.patience_seconds=30"), EngineChoice.Request);
        RequestRun r = run.Requests!;
        Assert.Multiple(() =>
        {
            Assert.That(run.Engine, Is.EqualTo(EngineChoice.Request));
            Assert.That(run.Bill.Demand, Is.EqualTo(r.DemandTokens - r.TokensAfterHorizon), "the bill's window ends with the horizon");
            Assert.That(run.Bill.SelfHosted, Is.EqualTo(r.SelfHosted - r.TokensAfterHorizon));
            Assert.That(r.TokensAfterHorizon.Value, Is.InRange(0, 2 * 4 * 8 * 500_000.0), "at most the requests in flight at the end");
            Assert.That(run.Bill.Spilled.Value, Is.EqualTo(r.Spilled.Value).Within(1e-9).Percent, "spilled = demand − self-hosted − dropped, to rounding");
            Assert.That(run.Bill.Dropped, Is.EqualTo(r.Dropped));
            Assert.That(run.MinuteBill, Is.Not.Null);
            Assert.That(run.Minutes, Is.Not.Null);
        });
    }
}
