using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Pricing;
using FleetSim.Reporting;
using FleetSim.Runs;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Tests.Economics;

/// <summary>
/// Issue 12's nine failures, each with the value it must have, worked out by hand from the seed's
/// figures: 26.6K tok/s per TP4 replica, 2 replicas per 8-GPU node at $6/GPU-hour ($35,040 a
/// node-month), $0.317/M at the API, 583B tokens a month.
/// </summary>
public class OneBillTests
{
    private const double Month = 730;
    private const double ReplicaTokensPerMonth = 26_600.0 * 3600 * Month; // 69.9B
    private const double NodeMonth = 8 * 6.0 * Month; // $35,040

    private static string Flat => "traffic.daily_shape={hourly: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}";

    /// <summary>
    /// Failure 1a: with a queue and no timeout, 303.8B tokens wait forever. Four replicas serve at most
    /// 4 × 69.9B = 279.6B tokens, worth $88,636 at the API, for $70,080 of nodes: no bill that prices
    /// every demanded token can save more than $18,556 (10.0 %), where 62.1 % was printed.
    /// </summary>
    [Test]
    public void AQueueThatNeverServesHalfItsRequestsSavesOnlyWhatItServed()
    {
        ScenarioRun run = ScenarioRun.Of(Scenarios.Seed("router.mode=queue"), EngineChoice.Request);
        Bill b = run.Bill;
        double most = 4 * ReplicaTokensPerMonth / 1e6 * 0.317 - 2 * NodeMonth;
        Assert.Multiple(() =>
        {
            Assert.That(b.Dropped.Value, Is.GreaterThan(250e9), "the unfinished requests are dropped");
            Assert.That(b.Unserved.Value, Is.EqualTo(b.Dropped.Value / 1e6 * 0.317).Within(1e-9).Percent, "and priced at the API");
            Assert.That(b.Savings.Value, Is.LessThanOrEqualTo(most * 1.001));
            Assert.That(b.SavingsFraction, Is.LessThanOrEqualTo(b.SavingsCeilingFraction));
            Assert.That(run.Warnings.Any(w => w.StartsWith("INFEASIBLE")), Is.True, "a loud line says so");
        });
    }

    /// <summary>
    /// Failure 1b: a flat load 1.5× four replicas, with an API that takes 20 requests a minute. In
    /// 24 h the fleet serves at most 4 × 26.6K × 86,400 = 9.19B tokens ($2,914 at the API) for
    /// 16 GPUs × $6 × 24 h = $2,304; demand is 1.5 × that capacity, $4,371 at the API. So the saving is
    /// at most $610, 13.96 %, below the 20.9 % ceiling, where 30.1 % was printed.
    /// </summary>
    [Test]
    public void AnApiRateLimitDoesNotTurnRefusedRequestsIntoSavings()
    {
        double tokensPerSecond = 1.5 * 4 * 26_600;
        ScenarioSpec s = Scenarios.Seed(Flat, $"traffic.monthly_processed_tokens={tokensPerSecond * 3600 * Month:R}", "fleet.replicas=4",
                                        "api={usd_per_million_tokens: 0.317, requests_per_minute: 20}", "horizon_hours=24");
        Bill b = ScenarioRun.Of(s, EngineChoice.Request).Bill;
        double capacityTokens = 4 * 26_600.0 * 86_400;
        double most = (capacityTokens / 1e6 * 0.317 - 16 * 6 * 24) / (1.5 * capacityTokens / 1e6 * 0.317);
        Assert.Multiple(() =>
        {
            Assert.That(b.Dropped.Value, Is.GreaterThan(0));
            Assert.That(b.SavingsFraction, Is.LessThanOrEqualTo(most + 0.005), "sampling noise in the drawn demand aside");
            Assert.That(b.SavingsFraction, Is.LessThanOrEqualTo(b.SavingsCeilingFraction));
            Assert.That(b.Total.Value, Is.EqualTo((b.SelfHost + b.Spill + b.Unserved).Value));
        });
    }

    /// <summary>
    /// Failure 2: at $250K a month the trough (148.8K tok/s) fits 5 replicas; their 3 nodes hold 6, and
    /// every verb runs those 6: $105,120 of nodes in run, compare and tiers alike.
    /// </summary>
    [Test]
    public void FloorIsOneFleetInEveryVerb()
    {
        string[] sets = ["traffic.monthly_processed_tokens=788643533123", "traffic.daily_shape.hourly_percentiles={trough: 148804, p50: 300310, p90: 392292, p99: 442343}"];
        ScenarioSpec s = Scenarios.Seed(sets);
        ScenarioRun run = ScenarioRun.Of(s);
        PolicyResult compared = PolicyComparison.Of(s, ["floor"])["floor"];
        TierRow tier = TierAnalysis.Run(s, [250_000])[0];
        Assert.Multiple(() =>
        {
            Assert.That(run.Fleet.Replicas, Is.EqualTo(6));
            Assert.That(run.Fleet.Nodes, Is.EqualTo(3));
            Assert.That(run.Bill.SelfHost.Value, Is.EqualTo(3 * NodeMonth).Within(1e-6));
            Assert.That(compared.SelfHost.Value, Is.EqualTo(3 * NodeMonth).Within(1e-6));
            Assert.That(compared.Total.Value, Is.EqualTo(run.Bill.Total.Value).Within(1e-6).Percent);
            Assert.That(tier.Floor.MonthlySavings!.Value, Is.EqualTo(run.Bill.Savings.Value).Within(0.01).Percent);
        });
    }

    /// <summary>Failure 4: the oracle is a bound, never "best"; compare names the best deployable policy.</summary>
    [Test]
    public void CompareNamesTheBestDeployablePolicyAndShowsTheOracleAsTheBound()
    {
        PolicyComparison c = PolicyComparison.Of(Scenarios.Seed(), ["floor", "breakeven", "schedule", "oracle"]);
        string table = CompareTable.Render(c);
        CompareSummary json = CompareSummary.Of(c);
        Assert.Multiple(() =>
        {
            Assert.That(c.BestDeployable!.Policy, Is.Not.EqualTo("oracle"));
            Assert.That(json.BestDeployablePolicy, Is.EqualTo(c.BestDeployable.Policy));
            Assert.That(json.OracleBoundUsd, Is.EqualTo(c["oracle"].Total.Value));
            Assert.That(json.ToJson(), Does.Contain("\"best_deployable_policy\""));
            Assert.That(table, Does.Contain($"Best deployable: {c.BestDeployable.Policy}"));
            Assert.That(table, Does.Contain("oracle (bound)"));
            Assert.That(table, Does.Not.Contain("Best: oracle"));
        });
    }

    /// <summary>
    /// Failure 5: the report's bill is the scenario's own month: with noise, exactly the 583B tokens
    /// the scenario asks for, not one noisy draw (593.7B); and a scenario where nothing varies runs no
    /// Monte Carlo.
    /// </summary>
    [Test]
    public void TheReportsBillIsTheScenariosOwnMonth()
    {
        ScenarioSpec noisy = Scenarios.Seed("traffic.noise={minute_cv: 0.2, minute_correlation: 0.9, daily_cv: 0.1}");
        ScenarioRun own = ScenarioRun.Of(noisy, EngineChoice.Minute, expectedMonth: true);
        ScenarioRun drawn = ScenarioRun.Of(noisy, EngineChoice.Minute);
        Assert.Multiple(() =>
        {
            Assert.That(own.Bill.Demand.Value, Is.EqualTo(noisy.Traffic.MonthlyProcessedTokens).Within(1e-9).Percent);
            Assert.That(drawn.Bill.Demand.Value, Is.Not.EqualTo(noisy.Traffic.MonthlyProcessedTokens).Within(0.1).Percent);
            Assert.That(SweepRunner.MonthsVary(noisy), Is.True);
            Assert.That(SweepRunner.MonthsVary(Scenarios.Seed()), Is.False, "no noise, failures or preemptions: every month alike");
            Assert.That(SweepRunner.MonthsVary(Scenarios.Seed("scaling.failures={mtbf_hours: 100, mttr_hours: 2}")), Is.True);
        });
    }

    [Test]
    public void AReportOnAScenarioWhereNothingVariesSaysSoInsteadOfMonteCarlo()
    {
        string dir = Path.Combine(Directory.CreateTempSubdirectory("fleetsim-report-").FullName, "report");
        try
        {
            var stderr = new StringWriter();
            int code = global::FleetSim.Cli.Cli.Run(["report", "--runs", "5", "--out", dir, "--set", "scaling.policies=[floor, schedule]"], new StringWriter(), stderr);
            Assert.That(code, Is.EqualTo(0), stderr.ToString());
            string md = File.ReadAllText(Path.Combine(dir, "report.md"));
            Assert.Multiple(() =>
            {
                Assert.That(md, Does.Not.Contain("Monte Carlo:"));
                Assert.That(md, Does.Contain("nothing in this scenario varies"));
                Assert.That(File.Exists(Path.Combine(dir, "savings-distribution.png")), Is.False);
            });
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
        }
    }

    /// <summary>
    /// Failure 7: a base fleet bought on the spot market is billed at the spot price: 10 replicas on
    /// 5 nodes × 8 GPUs × $3 × 730 h = $87,600, in run and compare alike (no preemptions, so no
    /// replacements); without base_fleet: spot the same fleet is on demand, $175,200.
    /// </summary>
    [Test]
    public void ASpotBaseFleetIsBilledAtTheSpotPriceEverywhere()
    {
        ScenarioSpec spot = Scenarios.Seed("fleet.replicas=10", "pricing={spot: {usd_per_gpu_hour: 3, preemptions_per_node_hour: 0}, base_fleet: spot}");
        ScenarioSpec onDemand = Scenarios.Seed("fleet.replicas=10", "pricing={spot: {usd_per_gpu_hour: 3}}");
        Assert.Multiple(() =>
        {
            Assert.That(ScenarioRun.Of(spot).Bill.SelfHost.Value, Is.EqualTo(5 * 8 * 3.0 * Month).Within(1e-6));
            Assert.That(PolicyComparison.Of(spot, ["static"])["static"].SelfHost.Value, Is.EqualTo(5 * 8 * 3.0 * Month).Within(1e-6));
            Assert.That(ScenarioRun.Of(onDemand).Bill.SelfHost.Value, Is.EqualTo(5 * NodeMonth).Within(1e-6));
            Assert.That(PolicyComparison.Of(onDemand, ["static"])["static"].SelfHost.Value, Is.EqualTo(5 * NodeMonth).Within(1e-6));
        });
    }

    [Test]
    public void ASpotBaseFleetNeedsASpotPrice()
    {
        var ex = Assert.Throws<ScenarioException>(() => Scenarios.Seed("pricing={base_fleet: spot}"));
        Assert.That(ex!.Message, Does.Contain("base_fleet").And.Contain("spot price"));
    }

    /// <summary>
    /// Failure 8: typed prices. The seed's request: 85K processed, 1K output, 84K input of which 83.5 %
    /// (70,140) cached and 13,860 fresh. At $1.40 / $0.26 / $4.40 per million it costs
    /// 13,860 × 1.40 + 70,140 × 0.26 + 1,000 × 4.40 = $42,040.4 per million requests, $0.494593/M
    /// processed; 583B tokens cost $288,348, not $184,811.
    /// </summary>
    [Test]
    public void TypedApiPricesFollowTheRequestMix()
    {
        const string typed = "api={input_usd_per_million_tokens: 1.40, cached_input_usd_per_million_tokens: 0.26, output_usd_per_million_tokens: 4.40}";
        Bill b = ScenarioRun.Of(Scenarios.Seed(typed)).Bill;
        double perMillion = (13_860 * 1.40 + 70_140 * 0.26 + 1_000 * 4.40) / 85_000;
        Assert.Multiple(() =>
        {
            Assert.That(b.ApiPrice.Value, Is.EqualTo(perMillion).Within(1e-12));
            Assert.That(b.AllApi.Value, Is.EqualTo(583e9 / 1e6 * perMillion).Within(1e-6).Percent);
            Assert.That(b.AllApi.Value, Is.EqualTo(288_348).Within(1));
            Assert.That(b.AllApiByType.FreshInput.Value, Is.EqualTo(583e9 / 85_000 * 13_860 * 1.40 / 1e6).Within(1e-6).Percent);
            Assert.That(b.AllApiByType.Total.Value, Is.EqualTo(b.AllApi.Value).Within(1e-9).Percent);
            Assert.That(b.BreakEvenUtilization, Is.EqualTo(17_520 / (26_600 * 3600 * Month / 1e6) / perMillion).Within(1e-9));
        });
    }

    [Test]
    public void CacheHitsChangeATypedBillButNotABlendedOne()
    {
        const string typed = "api={input_usd_per_million_tokens: 1.40, cached_input_usd_per_million_tokens: 0.26, output_usd_per_million_tokens: 4.40}";
        double TypedAllApi(double hits) => ScenarioRun.Of(Scenarios.Seed(typed, $"traffic.request_mix.cache_hit_share={hits}")).Bill.AllApi.Value;
        double BlendedAllApi(double hits) => ScenarioRun.Of(Scenarios.Seed($"traffic.request_mix.cache_hit_share={hits}")).Bill.AllApi.Value;
        Assert.Multiple(() =>
        {
            // 84K input tokens a request, 1.40 − 0.26 = $1.14/M cheaper for each one that hits the cache.
            double perRequestSaving = 84_000 * (0.835 - 0.5) * 1.14 / 1e6;
            Assert.That(TypedAllApi(0.5) - TypedAllApi(0.835), Is.EqualTo(583e9 / 85_000 * perRequestSaving).Within(1e-6).Percent);
            Assert.That(BlendedAllApi(0.5), Is.EqualTo(BlendedAllApi(0.835)).Within(1e-9).Percent);
        });
    }

    [Test]
    public void AnApiPriceIsEitherBlendedOrTypedNeverBoth()
    {
        var both = Assert.Throws<ScenarioException>(() => Scenarios.Seed("api={usd_per_million_tokens: 0.3, input_usd_per_million_tokens: 1}"));
        var none = Assert.Throws<ScenarioException>(() => Scenarios.Seed("api={requests_per_minute: 10}"));
        var noOutput = Assert.Throws<ScenarioException>(() => Scenarios.Seed("api={input_usd_per_million_tokens: 1}"));
        Assert.Multiple(() =>
        {
            Assert.That(both!.Message, Does.Contain("not both"));
            Assert.That(none!.Message, Does.Contain("needs a price"));
            Assert.That(noOutput!.Message, Does.Contain("output_usd_per_million_tokens"));
        });
    }

    /// <summary>
    /// Failure 9a: at $12/GPU-hour a replica costs $0.501/M fully busy, more than the API's $0.317: the
    /// ceiling is 0 (an empty fleet saves exactly nothing), never negative.
    /// </summary>
    [Test]
    public void TheCeilingIsNeverBelowZero()
    {
        Bill b = ScenarioRun.Of(Scenarios.Seed("replica.usd_per_gpu_hour=12")).Bill;
        Assert.Multiple(() =>
        {
            Assert.That(b.SelfHostPriceAtFullUse.Value, Is.EqualTo(12 * 8 / 2.0 / (26_600 * 3600 / 1e6)).Within(1e-12));
            Assert.That(b.SavingsCeilingFraction, Is.EqualTo(0));
            Assert.That(b.SavingsFraction, Is.LessThan(0), "the floor fleet loses money at that price");
            Assert.That(b.BreakEvenUtilization, Is.GreaterThan(1));
        });
    }

    /// <summary>Failure 9b: with failures and spot preemptions the oracle stays a bound below every deployable policy.</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void TheOracleIsABoundEvenWithFailuresAndSpot(int seed)
    {
        PolicyComparison c = PolicyComparison.Of(Scenarios.Seed($"seed={seed}", "scaling.failures={mtbf_hours: 20, mttr_hours: 6}",
            "pricing={spot: {usd_per_gpu_hour: 4, preemptions_per_node_hour: 0.2}, billing: per-hour, reserved_nodes: 1, reserved_usd_per_gpu_hour: 5}"));
        PolicyResult oracle = c.Bound!;
        Assert.Multiple(() =>
        {
            foreach (PolicyResult run in c.Runs.Where(r => !r.IsBound))
            {
                Assert.That(oracle.Total.Value, Is.LessThanOrEqualTo(run.Total.Value), run.Policy);
            }
            Assert.That(oracle.SavingsFraction, Is.LessThanOrEqualTo(c.SavingsCeiling));
        });
    }

    /// <summary>Failure 9c: rounding in an engine's sums never leaks out as a share above 1 or negative tokens.</summary>
    [Test]
    public void RoundingNeverLeaksOutOfTheOutcome()
    {
        var demand = new Tokens(583e9);
        FleetOutcome o = FleetOutcome.Of(demand, new Tokens(583e9 * (1 + 1e-12)), Tokens.Zero, new Tokens(600e9), 1.0000000000085, -1e-15);
        Assert.Multiple(() =>
        {
            Assert.That(o.Spilled.Value, Is.EqualTo(0));
            Assert.That(o.SelfHosted.Value, Is.EqualTo(583e9));
            Assert.That(o.Utilization, Is.EqualTo(1));
            Assert.That(o.TroughUtilization, Is.EqualTo(0));
            Assert.That((o.SelfHosted + o.Spilled + o.Dropped).Value, Is.EqualTo(demand.Value));
        });
    }

    [Test]
    public void ApiTariffSplitsTheSeedsRequestAsTheSeedSays()
    {
        TokenShares s = TokenShares.Of(new RequestMix(85_000, 1_000, 0.835));
        Assert.Multiple(() =>
        {
            Assert.That(s.Output, Is.EqualTo(1_000 / 85_000.0).Within(1e-15));
            Assert.That(s.CachedInput, Is.EqualTo(70_140 / 85_000.0).Within(1e-15));
            Assert.That(s.FreshInput, Is.EqualTo(13_860 / 85_000.0).Within(1e-15));
        });
    }

    /// <summary>
    /// A batch-API discount: 30 % of the tokens are batch work at 50 % off, so the API's blended price
    /// is 0.317 × (1 − 0.3 × 0.5) = $0.26945/M; all-API for 583B is $157,089, and the ceiling falls to
    /// 1 − 0.25063 ÷ 0.26945 = 6.98 %.
    /// </summary>
    [Test]
    public void ABatchDiscountLowersEveryApiLineByTheBatchShareOfIt()
    {
        Bill b = ScenarioRun.Of(Scenarios.Seed("api.batch_discount=0.5", "traffic.batch_share=0.3")).Bill;
        double perMillion = 0.317 * (1 - 0.3 * 0.5);
        double fullUse = 6.0 * 8 / 2 / (26_600 * 3600 / 1e6);
        Assert.Multiple(() =>
        {
            Assert.That(b.ApiPrice.Value, Is.EqualTo(perMillion).Within(1e-12));
            Assert.That(b.AllApi.Value, Is.EqualTo(583e9 / 1e6 * perMillion).Within(1e-6).Percent);
            Assert.That(b.Spill.Value, Is.EqualTo(b.Spilled.Millions * perMillion).Within(1e-9).Percent);
            Assert.That(b.SavingsCeilingFraction, Is.EqualTo(1 - fullUse / perMillion).Within(1e-12));
        });
    }

    [Test]
    public void ABatchShareWithoutADiscountIsWarnedAbout()
    {
        ScenarioSpec s = Scenarios.Seed("traffic.batch_share=0.3");
        Assert.That(s.Warnings, Has.Some.Contains("batch_share changes nothing without api.batch_discount"));
    }

    /// <summary>
    /// A horizon is a window of a fleet's life: nodes still leased when it ends are billed for their
    /// minutes in it, and the billing unit and minimum charge fall at their real end. One hour of the
    /// seed's 2 nodes is 2 × 8 GPUs × $6 = $96, with per-hour billing and a day's minimum charge alike.
    /// </summary>
    [Test]
    public void AWindowBillsTheMinutesItHoldsOfLeasesThatRunOn()
    {
        ScenarioSpec s = Scenarios.Seed("horizon_hours=1", "pricing={billing: per-hour, minimum_charge_minutes: 1440}");
        Assert.Multiple(() =>
        {
            Assert.That(ScenarioRun.Of(s).Bill.SelfHost.Value, Is.EqualTo(96).Within(1e-9));
            Assert.That(PolicyComparison.Of(s, ["floor"])["floor"].SelfHost.Value, Is.EqualTo(96).Within(1e-9));
        });
    }

    /// <summary>
    /// breakeven is a fixed fleet, bought as the base fleet (on demand here): offering a cheaper spot
    /// price for bursts must not make it buy nodes it then pays on demand for. It picks what it picks
    /// without spot: the same bill to the cent.
    /// </summary>
    [Test]
    public void ASpotPriceForBurstsDoesNotChangeAFixedFleetBoughtOnDemand()
    {
        PolicyResult plain = PolicyComparison.Of(Scenarios.Seed(), ["breakeven"])["breakeven"];
        PolicyResult offered = PolicyComparison.Of(Scenarios.Seed("pricing={spot: {usd_per_gpu_hour: 1, preemptions_per_node_hour: 0}}"), ["breakeven"])["breakeven"];
        Assert.That(offered.Total.Value, Is.EqualTo(plain.Total.Value).Within(1e-6));
    }

    /// <summary>4 reserved 8-GPU nodes hold 8 TP4 replicas, more than the floor's 4: they are paid all month, so they all serve, and the run says so.</summary>
    [Test]
    public void ReservedNodesAboveTheFloorServeAndAreNamed()
    {
        ScenarioRun run = ScenarioRun.Of(Scenarios.Seed("pricing={reserved_nodes: 4}"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Fleet.Replicas, Is.EqualTo(8));
            Assert.That(run.Bill.SelfHost.Value, Is.EqualTo(4 * NodeMonth).Within(1e-6));
            Assert.That(run.Warnings, Has.Some.StartsWith("pricing.reserved_nodes: the 4 reserved nodes"));
        });
    }
}
