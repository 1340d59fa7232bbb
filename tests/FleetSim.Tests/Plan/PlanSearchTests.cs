using FleetSim.Runs;
using FleetSim.Runs.Plan;
using FleetSim.Scenario;

namespace FleetSim.Tests.Plan;

public sealed class PlanSearchTests
{
    /// <summary>
    /// Flat 100K tok/s for 730 h under the fluid router, the seed's API at $0.317/M, TP4 replicas of
    /// 26.6K tok/s two to an 8-GPU node. Worked by hand per hour at the node level: k nodes serve
    /// min(100K, 53.2K·k) tok/s and the rest goes to the API at 0.317 × 3,600 × 10⁻⁶ $/tok·s.
    /// At $p per GPU-hour a node costs 8p per hour. One node: 8p + 46.8K·3,600·0.317e-6 = 8p + $53.41;
    /// two nodes: 16p and nothing spilled; three: 24p. Two nodes win whenever 8p &lt; $53.41.
    /// </summary>
    private static ScenarioSpec FlatFluid(params string[] sets) => Scenarios.Seed([
        "traffic.daily_shape={hourly: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}",
        $"traffic.monthly_processed_tokens={100_000.0 * 3600 * 730:R}",
        "router.mode=fluid",
        "scaling.policies=[breakeven]",
        "plan.policies=[breakeven]",
        .. sets]);

    [Test]
    public void TheCheapestPoolWinsAtTheHandWorkedTotal()
    {
        // Two nodes all month: on demand 16 × 6 × 730 = $70,080; spot 16 × 3 × 730 = $35,040;
        // reserved 1 y 16 × 4 × 730 = $46,720; reserved 3 y 16 × 2.5 × 730 = $29,200 (the level: two
        // nodes held all month, whatever the price ratio below 1).
        PlanResult plan = PlanSearch.Run(FlatFluid(), PlanCatalogues.B200(onDemand: 6, reserved1Year: 4, reserved3Year: 2.5, spot: 3));
        Assert.That(plan.Best.Candidate.Pool, Is.EqualTo(PoolMix.Reserved3Year));
        Assert.That(plan.Best.Candidate.ReservedNodes, Is.EqualTo(2));
        Assert.That(plan.Best.MeanUsd, Is.EqualTo(29_200).Within(0.01));
        double Total(PoolMix pool) => plan.Estimates.First(e => !e.Candidate.IsScenarios && e.Candidate.Pool == pool).TotalUsd;
        Assert.Multiple(() =>
        {
            Assert.That(Total(PoolMix.OnDemand), Is.EqualTo(70_080).Within(0.01));
            Assert.That(Total(PoolMix.SpotBase), Is.EqualTo(35_040).Within(0.01));
            Assert.That(Total(PoolMix.Reserved1Year), Is.EqualTo(46_720).Within(0.01));
        });
    }

    /// <summary>
    /// With classes, each verified plan in plan.json carries the month's figures per class, adding up to the plan's own
    /// (as bill.json's do), each class's demand its share of the month's; without classes the key is left out.
    /// </summary>
    [Test]
    public void PlanJsonSplitsEachVerifiedPlanByClass()
    {
        var classed = PlanSearch.Run(FlatFluid("traffic.classes=[{name: chat, share: 0.7}, {name: bulk, share: 0.3, deadline_hours: 24}]"),
            PlanCatalogues.B200(onDemand: 6, reserved1Year: 4, reserved3Year: 2.5, spot: 3));
        var plain = PlanSearch.Run(FlatFluid(), PlanCatalogues.B200(onDemand: 6, reserved1Year: 4, reserved3Year: 2.5, spot: 3));
        var json = System.Text.Json.Nodes.JsonNode.Parse(FleetSim.Reporting.PlanSummary.Of(classed).ToJson())!;
        var best = json["best"]!;
        var classes = best["classes"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(classes.Select(c => (string)c!["name"]!), Is.EqualTo(new[] { "chat", "bulk" }));
            Assert.That(classes.Sum(c => (double)c!["total_usd"]!), Is.EqualTo((double)best["candidate"]!["total_usd"]!).Within(0.011));
            Assert.That((double)classes[0]!["demand_tokens"]!, Is.EqualTo(0.7 * 100_000.0 * 3600 * 730).Within(1));
            Assert.That((double)classes[1]!["demand_tokens"]!, Is.EqualTo(0.3 * 100_000.0 * 3600 * 730).Within(1));
            Assert.That(classes.Sum(c => (double)c!["self_host_usd"]!), Is.EqualTo((double)best["candidate"]!["self_host_usd"]!).Within(0.011));
            Assert.That(json["verified"]!.AsArray().All(v => v!["classes"] is not null));
            Assert.That(System.Text.Json.Nodes.JsonNode.Parse(FleetSim.Reporting.PlanSummary.Of(plain).ToJson())!["best"]!.AsObject().ContainsKey("classes"), Is.False);
        });
    }

    /// <summary>A plan that rents a node type priced from a secondary source, or from prices half a year older than the catalogue's newest, says so among its reasons.</summary>
    [Test]
    public void APlanOnDoubtfulPricesSaysSo()
    {
        NodeCatalogue one = PlanCatalogues.B200(onDemand: 6);
        NodeType b200 = one.NodeTypes[0] with { SecondarySource = true, PricesAsOf = new DateOnly(2025, 1, 1) };
        NodeType other = PlanCatalogues.Node("dated", 50) with { PricesAsOf = new DateOnly(2026, 11, 1) };
        PlanResult plan = PlanSearch.Run(FlatFluid(), one with { NodeTypes = [b200, other] });
        PlanResult plain = PlanSearch.Run(FlatFluid(), PlanCatalogues.B200(onDemand: 6));
        Assert.Multiple(() =>
        {
            Assert.That(plan.Best.Candidate.NodeTypeName, Is.EqualTo("b200"));
            Assert.That(plan.WhyWins(plan.Best.Estimate), Has.Some.EqualTo(
                "b200's prices come from a secondary source, not the cloud's own price list and are as of 2025-01-01, 22 months older than the catalogue's newest (2026-11-01): check them before renting"));
            Assert.That(plain.WhyWins(plain.Best.Estimate), Has.None.Contains("check them before renting"));
        });
    }

    [Test]
    public void ThePlanIsNeverDearerThanComparesBestDeployable()
    {
        ScenarioSpec seed = Scenarios.Seed();
        PlanResult plan = PlanSearch.Run(seed, PlanCatalogues.B200(onDemand: 7, spot: 4, preemptions: 0.05));
        PolicyComparison compare = PolicyComparison.Of(seed);
        Assert.That(plan.Estimates[0].TotalUsd, Is.LessThanOrEqualTo(compare.BestDeployable!.Total.Value + 0.005));
        Assert.That(plan.ComparesBest.Estimate.TotalUsd, Is.EqualTo(compare.BestDeployable.Total.Value).Within(0.005));
        Assert.That(plan.Best.MeanUsd, Is.LessThanOrEqualTo(plan.ComparesBest.MeanUsd + 0.005));
    }

    [Test]
    public void ReservedLevelIsTheNodeCountHeldForThePriceRatioOfTheMonth()
    {
        // Serving replicas (2 per node) over 10 minutes: nodes 1,1,1,1,2,2,2,3,3,4. At ratio 0.5 a node
        // is worth reserving if held at least half the minutes: level 2 is held 6 of 10, level 3 only 3.
        var run = new FleetSim.Engine.PolicyRun("x", new FleetSim.Traffic.DemandSeries(new double[10]), new double[10], [2, 2, 1, 2, 3, 4, 3, 5, 6, 8], [], new FleetSim.Units.Tokens(0), 1, 0, 0, 0, 0);
        Assert.That(PlanSearch.ReservedLevel(run, 0.5, 2), Is.EqualTo(2));
        Assert.That(PlanSearch.ReservedLevel(run, 0.25, 2), Is.EqualTo(3)); // level 3 held 3 of 10 ≥ 0.25
        Assert.That(PlanSearch.ReservedLevel(run, 0.95, 2), Is.EqualTo(1));
        Assert.That(PlanSearch.ReservedLevel(run, 1.0, 2), Is.EqualTo(0));
    }

    /// <summary>
    /// On demand at $40/GPU-hour a node costs $320/h and keeps only 53.2K tok/s × 3,600 × $0.317/M = $60.71/h off
    /// the API, so the on-demand fleet rents nothing; reserved for 3 years at $2.50 it pays. The reserved base is
    /// sized from the run at the reserved price (two nodes held all month), not from the empty on-demand run:
    /// 16 GPUs × $2.50 × 730 h = $29,200.
    /// </summary>
    [Test]
    public void AReservedBaseIsFoundWhenOnDemandNodesRentNothing()
    {
        PlanResult plan = PlanSearch.Run(FlatFluid("plan.pools=[on_demand, reserved_3y]", "scaling.policies=[floor]"),
                                         PlanCatalogues.B200(onDemand: 40, reserved3Year: 2.5));
        PlanEstimate onDemand = plan.Estimates.First(e => !e.Candidate.IsScenarios && e.Candidate.Pool == PoolMix.OnDemand);
        Assert.Multiple(() =>
        {
            Assert.That(onDemand.RentsNothing, Is.True);
            Assert.That(plan.Best.Candidate.Pool, Is.EqualTo(PoolMix.Reserved3Year));
            Assert.That(plan.Best.Candidate.ReservedNodes, Is.EqualTo(2));
            Assert.That(plan.Best.MeanUsd, Is.EqualTo(29_200).Within(0.01));
        });
    }

    /// <summary>At $0.01/M on the API no fleet pays: the plan rents nothing and its headline says to stay on the API.</summary>
    [Test]
    public void WhenNothingPaysThePlanIsToStayOnTheApi()
    {
        PlanResult plan = PlanSearch.Run(FlatFluid("api.usd_per_million_tokens=0.01"), PlanCatalogues.B200(onDemand: 6));
        Assert.Multiple(() =>
        {
            Assert.That(plan.Best.Estimate.RentsNothing, Is.True);
            Assert.That(FleetSim.Reporting.PlanRows.Headline(plan), Does.StartWith("Best: stay on the API and rent nothing"));
            Assert.That(FleetSim.Reporting.Deploy.PlanDeploy.For(plan), Is.Empty);
        });
    }

    [Test]
    public void ANodeTypeNoReplicaRunsOnIsListedAsLeftOut()
    {
        NodeCatalogue b200 = PlanCatalogues.B200(onDemand: 6);
        var catalogue = b200 with { NodeTypes = [.. b200.NodeTypes, PlanCatalogues.Node("a100-box", 2, gpu: "A100")] };
        PlanResult plan = PlanSearch.Run(FlatFluid(), catalogue);
        Assert.That(plan.Exclusions, Has.Some.Matches<PlanExclusion>(e => e.What == "a100-box" && e.Why.Contains("no replica of kimi-k2.6 on A100")));
    }

    /// <summary>An e2e objective of 30 s: the seed's 85K-token requests at 26.6K/8 tok/s each take 25.6 s on average, and the P95 is far over it.</summary>
    [Test]
    public void APlanNotShownToMeetTheSloIsRefused()
    {
        var e = Assert.Throws<ScenarioException>(() => PlanSearch.Run(Scenarios.Seed("slo={e2e_p95_seconds: 30}"), PlanCatalogues.B200(onDemand: 6)))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.KeyPath, Is.EqualTo("slo"));
            Assert.That(e.Problem, Does.StartWith("no verified plan is shown to meet it"));
            Assert.That(e.Problem, Does.Contain("end to end"));
        });
    }

    /// <summary>A spot pool takes the catalogue's price and rate, and the scenario's own spot behaviour (here: fall back to on demand, 30 s notice).</summary>
    [Test]
    public void ASpotPoolKeepsTheScenariosSpotBehaviour()
    {
        ScenarioSpec scenario = Scenarios.Seed("pricing.spot={usd_per_gpu_hour: 2, preemptions_per_node_hour: 0.5, fallback: on_demand, notice_seconds: 30}");
        NodeCatalogue catalogue = PlanCatalogues.B200(onDemand: 6, spot: 3, preemptions: 0.01);
        var candidate = new PlanCandidate(catalogue.NodeTypes[0], catalogue.Replicas[0], 8, PoolMix.SpotBursts, "breakeven", null, 0);
        SpotSpec spot = candidate.ScenarioFor(scenario)!.Pricing.Spot!;
        Assert.Multiple(() =>
        {
            Assert.That(spot.UsdPerGpuHour, Is.EqualTo(3));
            Assert.That(spot.PreemptionsPerNodeHour, Is.EqualTo(0.01));
            Assert.That(spot.Fallback, Is.EqualTo(SpotFallback.OnDemand));
            Assert.That(spot.NoticeSeconds, Is.EqualTo(30));
        });
    }
}
