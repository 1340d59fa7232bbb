using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Engine.Deferral;
using FleetSim.Fleet;
using FleetSim.Routing;
using FleetSim.Runs;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Traffic.Classes;

/// <summary>
/// Deferral over a fleet whose serving replicas change, against hand-worked figures. The case: 60,000 tok/s flat for
/// two hours, half interactive (chat), half deferrable within 1 h (bulk), on the seed's replica (R = 26,600 tok/s)
/// with 2 replicas serving in the first hour and 1 in the second, fluid router.
/// <list type="bullet">
/// <item>Interactive 30,000 tok/s: served whole in hour 1 (capacity 53,200), 26,600 in hour 2: 108e6 + 95.76e6 =
/// 203.76e6 tokens on arrival; 3,400 × 3,600 = 12.24e6 spilled.</item>
/// <item>Spare: 53,200 − 30,000 = 23,200 tok/s in hour 1, 0 in hour 2. Bulk arrives at 1.8e6 tokens a minute;
/// hour 1 serves 23,200 × 3,600 = 83.52e6 of it, FIFO, so the backlog at minute 59's end is 108e6 − 83.52e6 =
/// 24.48e6, all of arrivals due by minute 118.</item>
/// <item>Bulk demand 216e6 − 83.52e6 = 132.48e6 to the batch tier: arrivals of minutes 61…119 (due past the horizon)
/// are flushed at its end, 59 × 1.8e6 = 106.2e6; the rest, 24.48e6 + minute 60's 1.8e6 = 26.28e6, at their deadline.</item>
/// </list>
/// </summary>
public class ChangingFleetDeferralTests
{
    private const int Minutes = 120;
    private const double R = 26_600;

    private static TrafficClasses ChatAndBulk(double? discount = null) =>
        new([new TrafficClassSpec("chat", 0.5, null, null), new TrafficClassSpec("bulk", 0.5, 1, discount)], "test.yaml");

    private static DemandSeries Flat(double rate = 60_000) => new([.. Enumerable.Repeat(rate, Minutes)]);

    private static int[] TwoThenOne() => [.. Enumerable.Range(0, Minutes).Select(m => m < 60 ? 2 : 1)];

    /// <summary>The deferral pass alone, over the two-step fleet: every token where the hand calculation puts it.</summary>
    [Test]
    public void TheSpareCapacityFollowsTheServingCount()
    {
        DemandSeries demand = Flat();
        var interactive = new double[Minutes];
        var servedI = new double[Minutes];
        int[] serving = TwoThenOne();
        for (int m = 0; m < Minutes; m++)
        {
            interactive[m] = 30_000;
            servedI[m] = Math.Min(30_000, serving[m] * R); // the fluid router's closed form, by hand
        }
        var served = new double[Minutes];
        ClassedMinutes c = ClassedMinutes.OverChangingFleet(demand, ChatAndBulk(), interactive, servedI, serving, R, 0, served);
        ClassTokens chat = c.Classes[0], bulk = c.Classes[1];
        Assert.Multiple(() =>
        {
            Assert.That(chat.SelfHostedOnArrival.Value, Is.EqualTo(203.76e6).Within(1e-9).Percent);
            Assert.That(chat.Spilled.Value, Is.EqualTo(12.24e6).Within(1e-6).Percent);
            Assert.That(bulk.SelfHostedDeferred.Value, Is.EqualTo(83.52e6).Within(1e-9).Percent);
            Assert.That(bulk.BatchApi.Value, Is.EqualTo(132.48e6).Within(1e-9).Percent);
            Assert.That(bulk.BatchApiAtHorizonEnd.Value, Is.EqualTo(106.2e6).Within(1e-9).Percent);
            Assert.That(c.BatchApi.Sum() * 60 - bulk.BatchApiAtHorizonEnd.Value, Is.EqualTo(26.28e6).Within(1e-6).Percent, "at the deadline");
            Assert.That(served[..60], Is.All.EqualTo(53_200).Within(1e-9), "hour 1: the whole fleet busy");
            Assert.That(served[60..], Is.All.EqualTo(26_600).Within(1e-9), "hour 2: the one replica on interactive work");
            Assert.That(c.DeferredServed[60..], Is.All.EqualTo(0), "no spare in hour 2");
        });
    }

    /// <summary>
    /// A constant serving count is the fixed fleet: the same minutes, to the bit, as the fixed fleet's pass, and the same
    /// class tokens to the last bits (the interactive sum is added minute by minute here, by the kernel's lanes there).
    /// </summary>
    [Test]
    public void AConstantFleetGivesTheFixedFleetsFiguresExactly()
    {
        DemandSeries demand = Flat(45_000);
        var fleet = new FleetShape(2, Scenarios.Seed().Replica);
        RequestMix mix = Scenarios.Seed().Traffic.RequestMix;
        MinuteRouter kernel = MinuteRouter.For(new RouterSpec(RouterMode.Spill), fleet, mix);
        var fixedServed = new double[Minutes];
        ClassedMinutes expected = ClassedMinutes.Run(demand, fleet, kernel, ChatAndBulk(), null, mix, fixedServed);

        var changingServed = new double[Minutes];
        ClassedMinutes actual = ClassedMinutes.OverChangingFleet(demand, ChatAndBulk(), expected.InteractiveDemand, expected.InteractiveServed,
                                                                 [.. Enumerable.Repeat(2, Minutes)], fleet.Replica.Throughput.Value, 0, changingServed);
        Assert.Multiple(() =>
        {
            Assert.That(changingServed, Is.EqualTo(fixedServed));
            Assert.That(actual.DeferredServed, Is.EqualTo(expected.DeferredServed));
            Assert.That(actual.BatchApi, Is.EqualTo(expected.BatchApi));
            for (int i = 0; i < 2; i++)
            {
                ClassTokens a = actual.Classes[i], e = expected.Classes[i];
                Assert.That(a.Demand, Is.EqualTo(e.Demand));
                Assert.That(a.SelfHostedDeferred, Is.EqualTo(e.SelfHostedDeferred));
                Assert.That(a.BatchApi, Is.EqualTo(e.BatchApi));
                Assert.That(a.SelfHostedOnArrival.Value, Is.EqualTo(e.SelfHostedOnArrival.Value).Within(1e-12).Percent);
                Assert.That(a.Spilled.Value, Is.EqualTo(e.Spilled.Value).Within(1e-9 * e.Demand.Value));
            }
        });
    }

    /// <summary>Arrays of another length than the demand's are refused, naming the minutes.</summary>
    [Test]
    public void MinuteArraysOfTheWrongLengthAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => ClassedMinutes.OverChangingFleet(
            Flat(), ChatAndBulk(), new double[Minutes], new double[Minutes], new int[Minutes - 1], R, 0, new double[Minutes]))!;
        Assert.That(e.Message, Does.Contain("120 minutes"));
    }

    /// <summary>
    /// The same case end to end through a schedule policy (2 replicas in hour 0, 1 in hour 1), priced by
    /// <see cref="Bill.For(PolicyRun, Pricing.ScenarioPrices)"/>: the tokens above, chat's spill 12.24 M × $0.317 =
    /// $3.88008 and bulk's batch tier 132.48 M × $0.317 × (1 − 0.5) = $20.99808.
    /// </summary>
    [Test]
    public void AScheduleRunsTheDeferralPassOverItsServingCounts()
    {
        ScenarioSpec scenario = Scenarios.ConstantLoad(60_000, 2, "fluid", "horizon_hours=2", "scaling.provisioning_minutes=0",
            "scaling.schedule={weekday: [2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}",
            "traffic.classes=[{name: chat, share: 0.5}, {name: bulk, share: 0.5, deadline_hours: 1, api_batch_discount: 0.5}]");
        DemandSeries demand = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        var economics = new FleetEconomics(scenario);
        PolicyRun run = PolicyEngine.Run("schedule", scenario, demand, demand, economics, scenario.Seed);
        Assume.That(run.Serving, Is.EqualTo(TwoThenOne()), "the schedule's serving counts are the hand case's");
        Bill bill = Bill.For(run, economics.Prices);
        ClassBillLine chat = bill.ByClass[0], bulk = bill.ByClass[1];
        Assert.Multiple(() =>
        {
            Assert.That(demand.Rate.ToArray(), Is.All.EqualTo(60_000).Within(1e-6));
            Assert.That(chat.Tokens.SelfHostedOnArrival.Value, Is.EqualTo(203.76e6).Within(1e-6).Percent);
            Assert.That(chat.Tokens.Spilled.Value, Is.EqualTo(12.24e6).Within(1e-6).Percent);
            Assert.That(bulk.Tokens.SelfHostedDeferred.Value, Is.EqualTo(83.52e6).Within(1e-6).Percent);
            Assert.That(bulk.Tokens.BatchApi.Value, Is.EqualTo(132.48e6).Within(1e-6).Percent);
            Assert.That(bill.SelfHosted.Value, Is.EqualTo(287.28e6).Within(1e-6).Percent);
            Assert.That(chat.Spill.Value, Is.EqualTo(3.88008).Within(1e-6));
            Assert.That(bulk.BatchApi.Value, Is.EqualTo(20.99808).Within(1e-6));
        });
    }
}
