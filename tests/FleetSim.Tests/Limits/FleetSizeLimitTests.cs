using FleetSim.Scenario;

namespace FleetSim.Tests.Limits;

/// <summary>
/// Scenario numbers whose product would make replica, slot and node counts overflow an int are refused at the
/// scenario (issue 15, kind 7): traffic whose mean rate alone takes more than <see cref="InputLimits.MaxReplicas"/> replicas.
/// </summary>
public class FleetSizeLimitTests : LimitCase
{
    [Test]
    public void AReplicaTooSlowForTheTrafficIsRefusedNamingTheFleetItWouldTake()
    {
        // The seed's 583B tokens a month over 730 h is 583e9 / 2,628,000 s = 221,841 tok/s; at 0.001 tok/s a replica, 2.218e8 replicas.
        Refused(["run", "--set", "replica.processed_tokens_per_second=0.001"],
            "replica.processed_tokens_per_second", "2.218E+08 replicas", "100,000");
    }

    [Test]
    public void TrafficAtTheMonthlyLimitOnTheSeedsReplicasIsRefused()
    {
        // 1e18 / 2,628,000 s = 3.805e11 tok/s; / 26,600 tok/s = 1.431e7 replicas.
        Refused(["validate", Write("big.yaml", File.ReadAllText(SeedPath())), "--set", "traffic.monthly_processed_tokens=1e18"],
            "1.431E+07 replicas", "100,000");
    }

    [Test]
    public void AFleetJustUnderTheLimitIsRead()
    {
        // 100,000 replicas of 26,600 tok/s over 2,628,000 s: 6.99e15 tokens a month; a little less is read.
        ScenarioSpec spec = ScenarioLoader.Default([ScenarioOverride.Parse("traffic.monthly_processed_tokens=6.9e15")]);
        Assert.That(spec.Traffic.MonthlyProcessedTokens, Is.EqualTo(6.9e15));
    }

    [Test]
    public void GrowthThatCompoundsPastTheFleetLimitIsRefused()
    {
        // 12 months of growth 100 (×101 a month): 101^12 = 1.127e24; 221,841 tok/s grows to 2.5e29 tok/s.
        Refused(["validate", Write("grow.yaml", File.ReadAllText(SeedPath())), "--set", "traffic.noise.growth_per_month=100", "--set", "horizon_hours=8760"],
            "--set traffic.noise.growth_per_month=100", "×1.13E+24", "2.5E+29 tok/s", "100,000");
    }

    [Test]
    public void RealisticGrowthIsRead()
    {
        // 10 % a month for a year: ×1.1^12 = 3.14, about 700K tok/s at the end, 26 replicas of 26.6K tok/s.
        ScenarioSpec spec = ScenarioLoader.Default([ScenarioOverride.Parse("traffic.noise.growth_per_month=0.1"), ScenarioOverride.Parse("horizon_hours=8760")]);
        Assert.That(spec.Traffic.Noise.GrowthPerMonth, Is.EqualTo(0.1));
    }

    private static string SeedPath() =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../scenarios/cline-k2-floor.yaml");
}
