using FleetSim.Runs.Outlook;
using FleetSim.Scenario;

namespace FleetSim.Tests.Outlook;

public sealed class MonthsAheadTests
{
    /// <summary>Flat 100K tok/s under the fluid router: 2 nodes of two 26.6K tok/s TP4 replicas serve it all (see PlanSearchTests).</summary>
    private static ScenarioSpec Flat(params string[] sets) => Scenarios.Seed([
        "traffic.daily_shape={hourly: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}",
        $"traffic.monthly_processed_tokens={100_000.0 * 3600 * 730:R}",
        "router.mode=fluid",
        .. sets]);

    /// <summary>
    /// API prices fall 20 % a month from $0.317/M; GPUs stay at $6. Worked by hand, 262.8B tokens a month,
    /// one node serving 53.2K tok/s and leaving 122.9904B tokens to the API:
    /// month 1: 2 nodes $70,080 (all-API $83,307.60); month 2 at $0.2536/M: 1 node $35,040 + $31,190.37 =
    /// $66,230.37 (all-API $66,646.08; 2 nodes $70,080 and none $66,646.08 cost more); month 3 at $0.20288/M:
    /// no node, $53,316.86 (1 node $59,992.29). Total $189,627.23 against $203,270.54 all on the API.
    /// </summary>
    [Test]
    public void FallingApiPricesShrinkTheFleetMonthByMonth()
    {
        MonthsAhead outlook = MonthsAhead.Of(Flat("outlook={months: 3, api_price_change_per_month: -0.2}"), "breakeven");
        Assert.Multiple(() =>
        {
            Assert.That(outlook.Months.Select(m => m.TotalUsd), Is.EqualTo(new[] { 70_080, 66_230.37, 53_316.86 }).Within(0.01));
            Assert.That(outlook.Months.Select(m => m.AllApiUsd), Is.EqualTo(new[] { 83_307.60, 66_646.08, 53_316.86 }).Within(0.01));
            Assert.That(outlook.TotalUsd, Is.EqualTo(189_627.23).Within(0.02));
            Assert.That(outlook.AllApiTotalUsd, Is.EqualTo(203_270.54).Within(0.02));
            Assert.That(outlook.CommittedAfterHorizonUsd, Is.EqualTo(0));
        });
    }

    /// <summary>Savings by month $13,227.60, $415.71, $0: a $10K setup is repaid in month 1, a $15K one never (−$1,356.69 at the end).</summary>
    [TestCase(10_000, 1)]
    [TestCase(13_500, 2)]
    [TestCase(15_000, null)]
    public void PaybackIsTheFirstMonthTheSavingsCoverTheSetup(double setup, int? month)
    {
        MonthsAhead outlook = MonthsAhead.Of(Flat($"outlook={{months: 3, api_price_change_per_month: -0.2, setup_usd: {setup}}}"), "breakeven");
        Assert.That(outlook.PaybackMonth, Is.EqualTo(month));
    }

    /// <summary>
    /// Two nodes reserved at $4/GPU-hour for a 12-month term while on-demand prices rise 10 % a month: both
    /// months bill 16 GPUs × $4 × 730 h = $46,720 (the price is locked), and the 10 months left of the term
    /// still commit 10 × 730 × 16 × $4 = $467,200.
    /// </summary>
    [Test]
    public void AReservedPriceIsLockedForItsTermAndTheRestIsOwed()
    {
        MonthsAhead outlook = MonthsAhead.Of(
            Flat("pricing={reserved_nodes: 2, reserved_usd_per_gpu_hour: 4}", "outlook={months: 2, gpu_price_change_per_month: 0.1}"), "breakeven");
        Assert.Multiple(() =>
        {
            Assert.That(outlook.Months.Select(m => m.SelfHostUsd), Is.EqualTo(new[] { 46_720, 46_720 }).Within(0.01));
            Assert.That(outlook.CommittedAfterHorizonUsd, Is.EqualTo(467_200).Within(0.01));
            Assert.That(outlook.ReservedTermMonths, Is.EqualTo(12));
        });
    }

    [TestCase("outlook={months: 0}", "outlook.months")]
    [TestCase("outlook={months: 61}", "outlook.months")]
    [TestCase("outlook={months: 12, traffic_growth_per_month: 2}", "outlook.traffic_growth_per_month")]
    [TestCase("outlook={months: 12, api_price_change_per_month: -0.6}", "outlook.api_price_change_per_month")]
    [TestCase("outlook={months: 12, gpu_drift: 0.01}", "outlook.gpu_drift")]
    [TestCase("outlook={months: 60, traffic_growth_per_month: 1}", "outlook.traffic_growth_per_month")]
    public void ABadOutlookIsRefusedAtItsKey(string set, string key)
    {
        var e = Assert.Throws<ScenarioException>(() => Scenarios.Seed(set))!;
        Assert.That(e.KeyPath, Is.EqualTo(key));
    }
}
