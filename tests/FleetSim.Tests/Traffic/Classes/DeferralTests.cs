using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Scenario;

namespace FleetSim.Tests.Traffic.Classes;

/// <summary>
/// Traffic classes on the minute engine, against hand-worked figures. The flat cases run the seed's replica
/// (26,600 tok/s, TP4 on 4-GPU nodes at $6/GPU-hour: $24 an hour a replica) for 24 hours at the seed's $0.317/M.
/// </summary>
public class DeferralTests
{
    private const double Minutes = 1440, Seconds = 86_400;

    private static ScenarioSpec Flat(double tokensPerSecond, int replicas, string router, string classes, params string[] sets) =>
        Scenarios.ConstantLoad(tokensPerSecond, replicas, router, ["horizon_hours=24", $"traffic.classes={classes}", .. sets]);

    /// <summary>
    /// (a) 40,000 tok/s, half interactive, half deferrable within 2 h, on 2 replicas (53,200 tok/s). Interactive
    /// 20,000 tok/s leaves 33,200 spare, more than the 20,000 deferrable tok/s that arrive each minute, so every
    /// deferrable token is served in the minute it arrives: 1.728e9 tokens each, nothing to the API; the bill is the
    /// two nodes' 48 hours, 2 × 4 × $6 × 24 = $1,152; all-API 3,456 M × $0.317 = $1,095.552.
    /// </summary>
    [Test]
    public void SpareCapacityAbsorbsAllDeferrableWork()
    {
        ScenarioRun run = ScenarioRun.Of(Flat(40_000, 2, "fluid", "[{name: chat, share: 0.5}, {name: bulk, share: 0.5, deadline_hours: 2}]"), EngineChoice.Minute);
        Bill b = run.Bill;
        ClassBillLine chat = b.ByClass[0], bulk = b.ByClass[1];
        Assert.Multiple(() =>
        {
            Assert.That(chat.Tokens.SelfHostedOnArrival.Value, Is.EqualTo(20_000 * Seconds).Within(1e-9).Percent);
            Assert.That(bulk.Tokens.SelfHostedDeferred.Value, Is.EqualTo(20_000 * Seconds).Within(1e-9).Percent);
            Assert.That(bulk.Tokens.BatchApi.Value, Is.EqualTo(0).Within(1e-3));
            Assert.That(b.SelfHosted.Value, Is.EqualTo(40_000 * Seconds).Within(1e-9).Percent);
            Assert.That(b.SelfHost.Value, Is.EqualTo(1152).Within(1e-9));
            Assert.That(b.AllApi.Value, Is.EqualTo(3456 * 0.317).Within(1e-6));
            Assert.That(b.Total.Value, Is.EqualTo(1152).Within(1e-6));
            Assert.That(b.Utilization, Is.EqualTo(40_000 / 53_200.0).Within(1e-12));
        });
    }

    /// <summary>
    /// (a) under the spill router: the interactive 20,000 tok/s offer A = 20,000 × 8 / 26,600 = 6.015 erlangs to 16
    /// slots, so Erlang B (computed here by its recursion) spills a little; the spare N·R − served is still above
    /// the 20,000 deferrable tok/s, so all of them are served and only the interactive spill goes to the API.
    /// </summary>
    [Test]
    public void UnderTheSpillRouterTheInteractiveSpillIsErlangBOfItsOwnDemand()
    {
        ScenarioRun run = ScenarioRun.Of(Flat(40_000, 2, "spill", "[{name: chat, share: 0.5}, {name: bulk, share: 0.5, deadline_hours: 2}]"), EngineChoice.Minute);
        double a = 20_000 * 8 / 26_600.0, erlangB = 1;
        for (int k = 1; k <= 16; k++)
        {
            erlangB = a * erlangB / (k + a * erlangB);
        }
        ClassBillLine chat = run.Bill.ByClass[0], bulk = run.Bill.ByClass[1];
        Assert.Multiple(() =>
        {
            Assert.That(chat.Tokens.Spilled.Value, Is.EqualTo(20_000 * Seconds * erlangB).Within(1e-6).Percent);
            Assert.That(bulk.Tokens.SelfHostedDeferred.Value, Is.EqualTo(20_000 * Seconds).Within(1e-9).Percent);
            Assert.That(run.Bill.Spill.Value, Is.EqualTo(20_000 * Seconds * erlangB / 1e6 * 0.317).Within(1e-6).Percent);
        });
    }

    /// <summary>
    /// (b) 60,000 tok/s, half deferrable within 1 h at 50 % off, on 2 replicas (53,200 tok/s), fluid. Interactive
    /// 30,000 is served whole; the spare 23,200 tok/s is below the 30,000 deferrable tok/s arriving, so the backlog
    /// never empties and the fleet serves 23,200 × 86,400 = 2.00448e9 deferred tokens; the other 6,800 × 86,400 =
    /// 587.52e6 go to the batch tier, $0.317 × 0.5 × 587.52 = $93.12192. FIFO (one class) serves each minute's
    /// arrivals in their last minute once the lag reaches the hour, so at the horizon's end the 59 untouched minutes
    /// of arrivals, 59 × 1.8e6 = 106.2e6 tokens, are still held. Total $1,152 + $93.12192; all-API 2,592 M × $0.317
    /// + 2,592 M × $0.1585 = $1,232.496.
    /// </summary>
    [Test]
    public void BacklogBeyondTheSpareCapacityGoesToTheBatchTierAtItsDiscount()
    {
        ScenarioRun run = ScenarioRun.Of(Flat(60_000, 2, "fluid", "[{name: chat, share: 0.5}, {name: bulk, share: 0.5, deadline_hours: 1, api_batch_discount: 0.5}]"), EngineChoice.Minute);
        Bill b = run.Bill;
        ClassBillLine bulk = b.ByClass[1];
        Assert.Multiple(() =>
        {
            Assert.That(bulk.Tokens.SelfHostedDeferred.Value, Is.EqualTo(23_200 * Seconds).Within(1e-9).Percent);
            Assert.That(bulk.Tokens.BatchApi.Value, Is.EqualTo(587.52e6).Within(1e-9).Percent);
            Assert.That(bulk.Tokens.BatchApiAtHorizonEnd.Value, Is.EqualTo(59 * 1.8e6).Within(1e-9).Percent);
            Assert.That(bulk.BatchApi.Value, Is.EqualTo(93.12192).Within(1e-9));
            Assert.That(b.BatchApi.Value, Is.EqualTo(93.12192).Within(1e-9));
            Assert.That(b.Total.Value, Is.EqualTo(1152 + 93.12192).Within(1e-6));
            Assert.That(b.AllApi.Value, Is.EqualTo(1232.496).Within(1e-6));
            Assert.That(b.Utilization, Is.EqualTo(1).Within(1e-12));
            Assert.That(bulk.Tokens.Late.Value, Is.Zero);
        });
    }

    /// <summary>
    /// Two deferrable classes, earliest deadline first: 60,000 tok/s, 0.4 interactive, 0.3 due within 1 h and 0.3
    /// within 24 h, on 2 replicas, fluid, 24 hours. Interactive 24,000 leaves 29,200 spare; the 1-hour class's 18,000
    /// tok/s always fall due first and are all served; the 24-hour class gets the other 11,200 tok/s, and whatever of it
    /// is served, the flat day holds nothing for it back: 6,800 × 86,400 of its tokens are never served.
    /// </summary>
    [Test]
    public void TheEarlierDeadlineIsServedFirst()
    {
        ScenarioRun run = ScenarioRun.Of(Flat(60_000, 2, "fluid",
            "[{name: chat, share: 0.4}, {name: hour, share: 0.3, deadline_hours: 1}, {name: day, share: 0.3, deadline_hours: 24}]"), EngineChoice.Minute);
        var hour = run.Bill.ByClass[1].Tokens;
        var day = run.Bill.ByClass[2].Tokens;
        Assert.Multiple(() =>
        {
            Assert.That(hour.SelfHostedDeferred.Value, Is.EqualTo(18_000 * Seconds).Within(1e-9).Percent);
            Assert.That(hour.BatchApi.Value, Is.EqualTo(0).Within(1e-3));
            Assert.That(day.SelfHostedDeferred.Value, Is.EqualTo(11_200 * Seconds).Within(1e-9).Percent);
            Assert.That(day.BatchApi.Value, Is.EqualTo(6_800 * Seconds).Within(1e-9).Percent);
        });
    }

    /// <summary>
    /// (c) The done-when: the seed with 30 % of its tokens deferrable within 24 h costs less and saves more
    /// than the same tokens as interactive traffic (no batch discount, so both baselines are the same $184,811), and
    /// its class lines add up to the bill. With the batch tier at 50 % off it costs less again.
    /// </summary>
    [Test]
    public void DeferrableTrafficSavesMoreThanTheSameTokensInteractive()
    {
        const string classes = "[{name: interactive, share: 0.7}, {name: bulk, share: 0.3, deadline_hours: 24}]";
        Bill interactive = ScenarioRun.Of(Scenarios.Seed("traffic.classes=[{name: interactive, share: 0.7}, {name: more, share: 0.3}]"), EngineChoice.Minute).Bill;
        Bill plain = ScenarioRun.Of(Scenarios.Seed(), EngineChoice.Minute).Bill;
        Bill deferred = ScenarioRun.Of(Scenarios.Seed($"traffic.classes={classes}"), EngineChoice.Minute).Bill;
        Bill discounted = ScenarioRun.Of(Scenarios.Seed($"traffic.classes={classes}", "api.batch_discount=0.5"), EngineChoice.Minute).Bill;
        Assert.Multiple(() =>
        {
            // Two interactive classes are the plain scenario, to the cent.
            Assert.That(interactive.Total.Value, Is.EqualTo(plain.Total.Value).Within(0.005));
            Assert.That(deferred.AllApi.Value, Is.EqualTo(plain.AllApi.Value).Within(0.005));
            Assert.That(deferred.Total.Value, Is.LessThan(plain.Total.Value - 1000), "deferral fills the night's idle capacity");
            Assert.That(deferred.SavingsFraction, Is.GreaterThan(plain.SavingsFraction + 0.01));
            Assert.That(discounted.Total.Value, Is.LessThan(deferred.Total.Value));
            foreach (Bill b in new[] { deferred, discounted })
            {
                AddsUp(b);
            }
        });
    }

    /// <summary>An empty fleet saves exactly nothing: every deferrable token goes to the batch tier, which is the all-API baseline.</summary>
    [Test]
    public void AnEmptyFleetSavesNothing()
    {
        Bill b = ScenarioRun.Of(Scenarios.Seed("fleet.replicas=0", "api.batch_discount=0.5",
            "traffic.classes=[{name: a, share: 0.6}, {name: b, share: 0.4, deadline_hours: 6}]"), EngineChoice.Minute).Bill;
        Assert.That(b.Savings.Value, Is.EqualTo(0).Within(1e-6));
        AddsUp(b);
    }

    /// <summary>The class lines' tokens and dollars add up to the bill's.</summary>
    internal static void AddsUp(Bill b)
    {
        double Sum(Func<ClassBillLine, double> f) => b.ByClass.Sum(f);
        double tol = 1e-9 * b.Demand.Value;
        Assert.Multiple(() =>
        {
            Assert.That(Sum(l => l.Tokens.Demand.Value), Is.EqualTo(b.Demand.Value).Within(tol));
            Assert.That(Sum(l => l.Tokens.SelfHosted.Value), Is.EqualTo(b.SelfHosted.Value).Within(tol));
            Assert.That(Sum(l => l.Tokens.Spilled.Value + l.Tokens.BatchApi.Value), Is.EqualTo(b.Spilled.Value).Within(tol));
            Assert.That(Sum(l => l.Tokens.Dropped.Value), Is.EqualTo(b.Dropped.Value).Within(tol));
            foreach (ClassBillLine l in b.ByClass)
            {
                var t = l.Tokens;
                Assert.That(t.SelfHostedOnArrival.Value + t.SelfHostedDeferred.Value + t.Spilled.Value + t.BatchApi.Value + t.Dropped.Value,
                            Is.EqualTo(t.Demand.Value).Within(tol), $"class {t.Name}: demand = on arrival + deferred + spilled + batch API + dropped");
            }
            Assert.That(Sum(l => l.SelfHost.Value), Is.EqualTo(b.SelfHost.Value).Within(0.005));
            Assert.That(Sum(l => l.Total.Value), Is.EqualTo(b.Total.Value).Within(0.005));
            Assert.That(Sum(l => l.AllApi.Value), Is.EqualTo(b.AllApi.Value).Within(0.005));
        });
    }

    /// <summary>
    /// The savings ceiling with classes, by hand on the seed with 30 % deferrable at 50 % off: a replica at full use
    /// costs $24/h for 95.76M tokens ($0.250627/M). The interactive 408.1B tokens can save at most
    /// (0.317 − 0.250627) $/M each: $27,087; the bulk class's batch price ($0.1585/M) is below that rate, so it can save
    /// nothing. All-API is 408.1B × 0.317 + 174.9B × 0.1585 = $157,089.35, so the ceiling is 17.24 %, not the one-price 20.9 %.
    /// </summary>
    [Test]
    public void TheCeilingCountsEachClassAtItsOwnApiPrice()
    {
        string classes = "[{name: interactive, share: 0.7}, {name: bulk, share: 0.3, deadline_hours: 24, api_batch_discount: 0.5}]";
        Bill bill = ScenarioRun.Of(Scenarios.Seed($"traffic.classes={classes}"), EngineChoice.Minute).Bill;
        double rate = 24.0 / (26_600 * 3600 / 1e6);
        double ceiling = 408.1e9 * (0.317 - rate) / 1e6;
        Assert.Multiple(() =>
        {
            Assert.That(bill.AllApi.Value, Is.EqualTo(157_089.35).Within(0.01));
            Assert.That(bill.SavingsCeilingFraction * bill.AllApi.Value, Is.EqualTo(ceiling).Within(0.01));
            Assert.That(bill.SavingsFraction, Is.LessThanOrEqualTo(bill.SavingsCeilingFraction));
        });
    }

    /// <summary>
    /// What deferral is worth on a fixed fleet, printed under the class table: the deferred tokens at the batch tier.
    /// Recomputed from the bill's own class tokens at $0.317/M × (1 − 0.5).
    /// </summary>
    [Test]
    public void TheClassTableSaysWhatDeferringIsWorth()
    {
        string classes = "[{name: interactive, share: 0.7}, {name: bulk, share: 0.3, deadline_hours: 24, api_batch_discount: 0.5}]";
        ScenarioSpec scenario = Scenarios.Seed($"traffic.classes={classes}");
        ScenarioRun run = ScenarioRun.Of(scenario, EngineChoice.Minute);
        double deferred = run.Bill.ByClass.Single(l => l.Tokens.Name == "bulk").Tokens.SelfHostedDeferred.Value;
        string worth = new FleetSim.Units.Usd(deferred * 0.317e-6 * 0.5).ToString();
        Assert.That(FleetSim.Reporting.BillTable.Render(run), Does.Contain($"deferring is worth {worth}"));
    }
}
