using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Engine;
using FleetSim.Engine.Requests;
using FleetSim.Scenario;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>The paid API's door: per-minute limits and outages drop what the API will not take, and count it.</summary>
public class ApiLimitTests
{
    /// <summary>
    /// Four replicas under a flat 220K tok/s: about 2.6 requests a second arrive and half of them, some
    /// 80 a minute, find the fleet full. In spill mode the API's answer never feeds back into the fleet,
    /// so runs with and without a limit see the same arrivals and admit the same requests.
    /// </summary>
    private static RequestRun Flat(int hours, params string[] sets) =>
        RequestRuns.Of(Scenarios.ConstantLoad(220_000, 4, "spill", [$"horizon_hours={hours}", .. sets]));

    [Test]
    public void RequestsPerMinuteBeyondTheLimitAreDroppedAndCounted()
    {
        RequestRun open = Flat(6), limited = Flat(6, "api.requests_per_minute=40");
        TestContext.Out.WriteLine($"open {open.Requests}; limited {limited.Requests}");
        Assert.Multiple(() =>
        {
            Assert.That(limited.Requests.Dropped, Is.GreaterThan(0));
            Assert.That(limited.Dropped.Value, Is.GreaterThan(0));
            // ~80 a minute want the API (Poisson), so nearly every one of the 360 minutes fills its 40
            // and drops the rest; none takes more.
            Assert.That(limited.Requests.Spilled, Is.InRange(0.99 * 40 * 360, 40 * 360));
            Assert.That(limited.Requests.SelfHosted, Is.EqualTo(open.Requests.SelfHosted));
            Assert.That(limited.Requests.Spilled + limited.Requests.Dropped, Is.EqualTo(open.Requests.Spilled));
            Assert.That(limited.Spilled.Value + limited.Dropped.Value, Is.EqualTo(open.Spilled.Value).Within(1e-9).Percent);
            Assert.That(open.Requests.Dropped, Is.Zero);
        });
    }

    [Test]
    public void TokensPerMinuteBeyondTheLimitAreDropped()
    {
        RequestRun open = Flat(6), limited = Flat(6, "api.tokens_per_minute=2M");
        Assert.Multiple(() =>
        {
            Assert.That(limited.Requests.Dropped, Is.GreaterThan(0));
            Assert.That(limited.Spilled.Value, Is.LessThanOrEqualTo(2e6 * 360));
            Assert.That(limited.Spilled.Value, Is.GreaterThan(0.8 * 2e6 * 360), "each minute takes requests until the next would pass 2M");
            Assert.That(limited.Requests.Spilled + limited.Requests.Dropped, Is.EqualTo(open.Requests.Spilled));
        });
    }

    [Test]
    public void TheBillChargesOnlyWhatTheApiServedAndShowsTheDrops()
    {
        ScenarioSpec s = Scenarios.ConstantLoad(220_000, 4, "spill", "horizon_hours=6", "api.requests_per_minute=40");
        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Request);
        Bill bill = run.Bill;
        Assert.Multiple(() =>
        {
            Assert.That(bill.Dropped, Is.EqualTo(run.Requests!.Dropped));
            Assert.That(bill.DropShare, Is.EqualTo(run.Requests.Dropped / (run.Requests.DemandTokens - run.Requests.TokensAfterHorizon)).Within(1e-12), "of the horizon's window");
            Assert.That(bill.DropShare, Is.GreaterThan(0.1));
            Assert.That(bill.Spill.Value, Is.EqualTo(run.Requests.Spilled.Value * 0.317 / 1e6).Within(1e-9).Percent);
        });
    }

    /// <summary>
    /// The same seed over a longer flat horizon repeats the shorter run's arrivals, so spills over [2 h, 5 h)
    /// are the 5-hour run's minus the 2-hour run's; an outage over exactly that window must drop exactly those.
    /// </summary>
    [Test]
    public void AnOutageDropsWhatWouldGoToTheApiDuringItAndNothingElse()
    {
        RequestRun first2 = Flat(2), first5 = Flat(5), open = Flat(8);
        Assert.That(first5.Demand.Rate[0], Is.EqualTo(open.Demand.Rate[0]), "precondition: the horizon does not change the flat rate");
        Assert.That(first2.Demand.Rate[0], Is.EqualTo(open.Demand.Rate[0]), "precondition: the horizon does not change the flat rate");
        long spilledInWindow = first5.Requests.Spilled - first2.Requests.Spilled;

        RequestRun outage = Flat(8, "api.outages=[{start_hour: 2, hours: 3}]");
        RequestRun allDay = Flat(8, "api.outages=[{start_hour: 0, hours: 8}]");
        RequestRun later = Flat(8, "api.outages=[{start_hour: 8, hours: 100}]");
        TestContext.Out.WriteLine($"spilled in [2 h, 5 h): {spilledInWindow}; outage run {outage.Requests}");
        Assert.Multiple(() =>
        {
            Assert.That(spilledInWindow, Is.GreaterThan(10_000));
            Assert.That(outage.Requests.Dropped, Is.EqualTo(spilledInWindow));
            Assert.That(outage.Requests.Spilled, Is.EqualTo(open.Requests.Spilled - spilledInWindow));
            Assert.That(outage.Requests.SelfHosted, Is.EqualTo(open.Requests.SelfHosted));
            Assert.That(allDay.Requests.Spilled, Is.Zero);
            Assert.That(allDay.Requests.Dropped, Is.EqualTo(open.Requests.Spilled));
            Assert.That(later.Requests.Dropped, Is.Zero);
            Assert.That(later.Requests.Spilled, Is.EqualTo(open.Requests.Spilled));
        });
    }

    [Test]
    public void OutagesAndLimitsAreReadAndChecked()
    {
        ScenarioSpec s = Scenarios.Seed("api.requests_per_minute=600", "api.tokens_per_minute=50M",
                                        "api.outages=[{start_hour: 10, hours: 1.5}, {start_hour: 100, hours: 24}]");
        Assert.Multiple(() =>
        {
            Assert.That(s.Api.RequestsPerMinute, Is.EqualTo(600));
            Assert.That(s.Api.TokensPerMinute, Is.EqualTo(50e6));
            Assert.That(s.Api.Outages, Is.EqualTo(new[] { new Outage(10, 1.5), new Outage(100, 24) }));
            Assert.That(s.Api.Outages[0].Covers(10 * 3600), Is.True);
            Assert.That(s.Api.Outages[0].Covers(11.5 * 3600), Is.False);
            Assert.That(() => Scenarios.Seed("api.outages=[{start_hour: 1}]"),
                Throws.TypeOf<ScenarioException>().With.Message.Contains("api.outages[0].hours"));
            Assert.That(() => Scenarios.Seed("api.requests_per_minute=0"),
                Throws.TypeOf<ScenarioException>().With.Message.Contains("api.requests_per_minute"));
        });
    }
}
