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

    private static string SeedPath() =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../scenarios/cline-k2-floor.yaml");
}
