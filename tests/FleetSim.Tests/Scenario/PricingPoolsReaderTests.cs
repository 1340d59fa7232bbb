using FleetSim.Pricing;
using FleetSim.Scenario;

namespace FleetSim.Tests.Scenario;

/// <summary>
/// The pool keys of <c>pricing:</c> (docs/scaling.md#node-pools): their defaults, what they read, and one
/// clear message naming the key for each kind of bad value.
/// </summary>
public class PricingPoolsReaderTests
{
    [Test]
    public void WithoutTheNewKeysSpotBehavesAsBefore()
    {
        PricingSpec p = Scenarios.Seed("pricing={spot: {usd_per_gpu_hour: 3, preemptions_per_node_hour: 0.1}}").Pricing;
        var billing = new NodeBilling(p, Scenarios.Seed().Replica);
        Assert.Multiple(() =>
        {
            Assert.That(p.Spot!.Fallback, Is.EqualTo(SpotFallback.Spot));
            Assert.That(p.Spot.CorrelatedShare, Is.EqualTo(0));
            Assert.That(p.Spot.NoticeSeconds, Is.EqualTo(120), "AWS's two-minute notice");
            Assert.That(p.Spot.MaxNodes, Is.Null);
            Assert.That(p.Bursts, Is.Null);
            Assert.That(billing.BurstOrder, Is.EqualTo(new[] { NodeKind.Spot }));
            Assert.That(new NodeBilling(Scenarios.Seed().Pricing, Scenarios.Seed().Replica).BurstOrder, Is.EqualTo(new[] { NodeKind.OnDemand }));
        });
    }

    [Test]
    public void ReadsEveryPoolKey()
    {
        PricingSpec p = Scenarios.Seed(
            "pricing={spot: {usd_per_gpu_hour: 3, fallback: api, correlated_share: 0.5, notice_seconds: 30, max_nodes: 4}, bursts: [spot, on_demand]}").Pricing;
        Assert.Multiple(() =>
        {
            Assert.That(p.Spot!.Fallback, Is.EqualTo(SpotFallback.Api));
            Assert.That(p.Spot.CorrelatedShare, Is.EqualTo(0.5));
            Assert.That(p.Spot.NoticeMinutes, Is.EqualTo(0.5));
            Assert.That(p.Spot.MaxNodes, Is.EqualTo(4));
            Assert.That(p.Bursts, Is.EqualTo(new[] { BurstPool.Spot, BurstPool.OnDemand }));
        });
    }

    /// <summary>⌈share · n⌉, at least one, never more than there are: worked by hand.</summary>
    [TestCase(0.0, 40, 1)]
    [TestCase(0.25, 40, 10)]
    [TestCase(0.26, 40, 11)]
    [TestCase(0.1, 3, 1)]
    [TestCase(1.0, 7, 7)]
    [TestCase(0.5, 0, 0)]
    public void ABatchIsTheShareRoundedUp(double share, int ready, int batch) =>
        Assert.That(new SpotSpec(3, 1) { CorrelatedShare = share }.BatchSize(ready), Is.EqualTo(batch));

    [TestCase("pricing={spot: {usd_per_gpu_hour: 3, fallback: reserved}}", "pricing.spot.fallback", "'spot', 'on_demand' or 'api'")]
    [TestCase("pricing={spot: {usd_per_gpu_hour: 3, correlated_share: 1.5}}", "pricing.spot.correlated_share", "")]
    [TestCase("pricing={spot: {usd_per_gpu_hour: 3, notice_seconds: -1}}", "pricing.spot.notice_seconds", "")]
    [TestCase("pricing={spot: {usd_per_gpu_hour: 3, max_nodes: 2.5}}", "pricing.spot.max_nodes", "")]
    [TestCase("pricing={bursts: [spot]}", "pricing.bursts", "no spot price")]
    [TestCase("pricing={spot: {usd_per_gpu_hour: 3}, bursts: [on_demand, spot]}", "pricing.bursts", "after on_demand")]
    [TestCase("pricing={spot: {usd_per_gpu_hour: 3}, bursts: [spot, spot]}", "pricing.bursts", "twice")]
    [TestCase("pricing={spot: {usd_per_gpu_hour: 3}, bursts: []}", "pricing.bursts", "expected a list")]
    [TestCase("pricing={spot: {usd_per_gpu_hour: 3}, bursts: reserved}", "pricing.bursts", "expected a list")]
    [TestCase("pricing={spot: {usd_per_gpu_hour: 3}, bursts: [reserved]}", "pricing.bursts", "'reserved'")]
    public void ABadPoolKeyIsNamed(string set, string key, string problem)
    {
        var e = Assert.Throws<ScenarioException>(() => Scenarios.Seed(set))!;
        Assert.That(e.Message, Does.Contain(key).And.Contain(problem));
    }
}
