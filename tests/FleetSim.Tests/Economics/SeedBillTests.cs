using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Engine;
using FleetSim.Routing;

namespace FleetSim.Tests.Economics;

/// <summary>The seed's monthly bill (DOMAIN.md), reproduced from the default scenario.</summary>
public class SeedBillTests
{
    private static Bill Fluid => ScenarioRun.Of(Scenarios.Seed("router.mode=fluid")).Bill;
    private static Bill Spill => ScenarioRun.Of(Scenarios.Seed()).Bill;

    [Test]
    public void AllApiCostsTheSeeds185K() =>
        Assert.That(Fluid.AllApi.Value, Is.EqualTo(184_800).Within(0.5).Percent);

    [Test]
    public void FloorFleetIsFourReplicasOnTwoNodesCosting70080()
    {
        ScenarioRun run = ScenarioRun.Of(Scenarios.Seed("router.mode=fluid"));
        Bill b = run.Bill;
        Assert.Multiple(() =>
        {
            Assert.That(run.Fleet.Replicas, Is.EqualTo(4));
            Assert.That(run.Fleet.Nodes, Is.EqualTo(2));
            Assert.That(b.SelfHost.Value, Is.EqualTo(70_080.0));
        });
    }

    [Test]
    public void FluidRouterReproducesTheSeedsSpreadsheet()
    {
        Bill b = Fluid;
        Assert.Multiple(() =>
        {
            Assert.That(b.SelfHosted.Value, Is.EqualTo(279.6e9).Within(0.5).Percent);
            Assert.That(b.Spill.Value, Is.EqualTo(96_100).Within(1).Percent);
            Assert.That(b.Total.Value, Is.EqualTo(166_200).Within(1).Percent);
            Assert.That(b.SavingsFraction, Is.EqualTo(0.101).Within(0.005));
        });
    }

    [Test]
    public void BreakEvenAndCeilingFollowFromUnitPrices()
    {
        Bill b = Fluid;
        Assert.Multiple(() =>
        {
            Assert.That(b.SelfHostPriceAtFullUse.Value, Is.EqualTo(17_520 / 70_000.0).Within(0.5).Percent);
            Assert.That(b.BreakEvenUtilization, Is.EqualTo(0.790).Within(0.003));
            Assert.That(b.SavingsCeilingFraction, Is.EqualTo(0.210).Within(0.003));
        });
    }

    [Test]
    public void SpillRouterSpillsMoreAndSavesLessThanTheSpreadsheet()
    {
        Bill fluid = Fluid, spill = Spill;
        Assert.Multiple(() =>
        {
            Assert.That(spill.Spilled.Value, Is.GreaterThan(fluid.Spilled.Value * 1.01));
            Assert.That(spill.SavingsFraction, Is.LessThan(fluid.SavingsFraction - 0.01));
            Assert.That(spill.SelfHost, Is.EqualTo(fluid.SelfHost));
            // DOMAIN.md: at the trough the floor fleet runs nearer 88 % busy than 100 %.
            Assert.That(spill.TroughUtilization, Is.EqualTo(0.88).Within(0.01));
        });
    }

    [Test]
    public void SpillAtConstantTroughLoadIsErlangB()
    {
        Bill b = ScenarioRun.Of(Scenarios.ConstantLoad(110_000, 4, "spill")).Bill;
        double expected = ErlangB.Loss(32, 110_000 * 8 / 26_600.0);
        Assert.Multiple(() =>
        {
            Assert.That(expected, Is.EqualTo(0.1467).Within(0.0005));
            Assert.That(b.SpillShare, Is.EqualTo(0.1467).Within(0.0005));
            Assert.That(b.SpillShare, Is.EqualTo(expected).Within(1e-12));
        });
    }

    [TestCase("fluid", 0)]
    [TestCase("spill", 0)]
    [TestCase("spill", 1)]
    [TestCase("spill", 4)]
    [TestCase("fluid", 12)]
    [TestCase("spill", 12)]
    [TestCase("spill", 40)]
    public void EveryTokenIsServedOrSpilledAndCostsAreSane(string router, int replicas)
    {
        Bill b = ScenarioRun.Of(Scenarios.Seed($"router.mode={router}", $"fleet.replicas={replicas}")).Bill;
        Assert.Multiple(() =>
        {
            double error = Math.Abs((b.SelfHosted + b.Spilled).Value - b.Demand.Value) / b.Demand.Value;
            Assert.That(error, Is.LessThan(1e-9));
            Assert.That(b.SelfHosted.Value, Is.GreaterThanOrEqualTo(0));
            Assert.That(b.Spilled.Value, Is.GreaterThanOrEqualTo(-1e-6 * b.Demand.Value));
            Assert.That(b.SelfHost.Value, Is.GreaterThanOrEqualTo(0));
            Assert.That(b.Spill.Value, Is.GreaterThanOrEqualTo(-1e-6));
            Assert.That(b.Utilization, Is.InRange(0.0, 1.0));
            Assert.That(b.TroughUtilization, Is.InRange(0.0, 1.0));
        });
    }

    [Test]
    public void MoreReplicasNeverSpillMore()
    {
        double previous = double.MaxValue;
        for (int n = 0; n <= 16; n++)
        {
            double spilled = ScenarioRun.Of(Scenarios.Seed($"fleet.replicas={n}")).Bill.Spilled.Value;
            Assert.That(spilled, Is.LessThanOrEqualTo(previous), $"{n} replicas");
            previous = spilled;
        }
    }

    [Test]
    public void SameScenarioGivesTheSameBill()
    {
        Bill first = Spill, second = Spill;
        Assert.Multiple(() =>
        {
            Assert.That(second.SelfHosted, Is.EqualTo(first.SelfHosted));
            Assert.That(second.Spilled, Is.EqualTo(first.Spilled));
            Assert.That(second.Total, Is.EqualTo(first.Total));
        });
    }

    [Test]
    public void OddReplicaCountFillsTheWholeNode()
    {
        // 3 TP4 replicas need 2 nodes of 8 GPUs; the paid node's other half runs a 4th replica rather than idling.
        ScenarioRun run = ScenarioRun.Of(Scenarios.Seed("fleet.replicas=3"));
        Bill b = run.Bill;
        Assert.Multiple(() =>
        {
            Assert.That(run.Fleet.Nodes, Is.EqualTo(2));
            Assert.That(run.Fleet.Replicas, Is.EqualTo(4));
            Assert.That(run.Fleet.IdleGpus, Is.EqualTo(0));
            Assert.That(run.Warnings.Any(w => w.Contains("fleet.replicas: 3 replicas")), Is.True);
            Assert.That(b.SelfHost.Value, Is.EqualTo(70_080.0));
        });
    }
}
