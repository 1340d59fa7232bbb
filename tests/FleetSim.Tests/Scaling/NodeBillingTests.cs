using FleetSim.Pricing;
using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Fleet;
using FleetSim.Scenario;

namespace FleetSim.Tests.Scaling;

public class NodeBillingTests
{
    private static NodeBilling Billing(BillingUnit unit, double minimum = 0) =>
        new(new PricingSpec(unit, minimum, 0, 4.5, new SpotSpec(3, 0.1)), Scenarios.Seed().Replica);

    [TestCase(BillingUnit.Second, 61.5, 61.5)]
    [TestCase(BillingUnit.Minute, 61.5, 62)]
    [TestCase(BillingUnit.Hour, 61.5, 120)]
    [TestCase(BillingUnit.Hour, 60, 60)]
    public void RoundsUpToTheBillingUnit(BillingUnit unit, double minutes, double billed) =>
        Assert.That(Billing(unit).BilledMinutes(minutes), Is.EqualTo(billed).Within(1e-9));

    [Test]
    public void MinimumChargeApplies() => Assert.That(Billing(BillingUnit.Second, minimum: 10).BilledMinutes(2), Is.EqualTo(10));

    [Test]
    public void EachKindHasItsPrice()
    {
        NodeBilling b = Billing(BillingUnit.Second);
        Assert.Multiple(() =>
        {
            Assert.That(b.UsdPerNodeHour(NodeKind.OnDemand), Is.EqualTo(48));
            Assert.That(b.UsdPerNodeHour(NodeKind.Reserved), Is.EqualTo(36));
            Assert.That(b.UsdPerNodeHour(NodeKind.Spot), Is.EqualTo(24));
            Assert.That(b.Cost(NodeKind.Reserved, 10, 43_800), Is.EqualTo(36 * 730));
        });
    }
}
