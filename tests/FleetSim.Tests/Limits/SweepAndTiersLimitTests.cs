using FleetSim.Cli;
using FleetSim.Scenario;

namespace FleetSim.Tests.Limits;

/// <summary>
/// A sweep's grid and a tiers spend level are bounded (<see cref="InputLimits"/>; issue 15, kinds 1, 5 and 7):
/// billions of grid points and $100T a month are refused naming the count or value and the limit, before any work.
/// </summary>
public class SweepAndTiersLimitTests : LimitCase
{
    private static string Axis(int values) => string.Join(",", Enumerable.Range(1, values));

    [Test]
    public void AGridOfBillionsOfPointsIsRefusedEvenWithForce()
    {
        // Four axes of 1,000 values: 1000^4 = 10^12 points.
        string[] args = ["sweep", "--force", "--out", Path.Combine(Dir, "out"),
            "--set", "api.usd_per_million_tokens=" + Axis(1000), "--set", "replica.usd_per_gpu_hour=" + Axis(1000),
            "--set", "fleet.replicas=" + Axis(1000), "--set", "router.retries=" + Axis(1000)];
        Refused(args, "1,000,000,000,000 points", "1,000,000");
    }

    [Test]
    public void MoreMonthsThanTheLimitNeedForce()
    {
        // 2 points × 2 policies × 300,000 runs = 1,200,000 months > 1,000,000.
        string[] args = ["sweep", "--runs", "300000", "--policies", "floor,schedule", "--out", Path.Combine(Dir, "out"),
            "--set", "api.usd_per_million_tokens=0.3,0.4"];
        Refused(args, "1,200,000 simulated months", "1,000,000", "--force");
    }

    [Test]
    public void TheMonthLimitIsPerShardAndLiftedByForce()
    {
        Assert.Multiple(() =>
        {
            // 1,200,000 months: refused whole, run in two shards of 600,000, or with --force.
            Assert.Throws<UsageException>(() => SweepCommand.CheckSize(2, 2, 300_000, shards: 1, force: false));
            Assert.DoesNotThrow(() => SweepCommand.CheckSize(2, 2, 300_000, shards: 2, force: false));
            Assert.DoesNotThrow(() => SweepCommand.CheckSize(2, 2, 300_000, shards: 1, force: true));
            // Exactly the limit is allowed.
            Assert.DoesNotThrow(() => SweepCommand.CheckSize(10, 1, 100_000, shards: 1, force: false));
            Assert.That(SweepCommand.GridPoints(["a.b=1,2,3", "c.d=[1,2],[3,4]", "e.f=5"]), Is.EqualTo(3 * 2 * 1));
        });
    }

    [Test]
    public void TheForceFlagIsInSweepsHelp()
    {
        var stdout = new StringWriter();
        FleetSim.Cli.Cli.Run(["sweep", "--help"], stdout, new StringWriter());
        Assert.That(stdout.ToString(), Does.Contain("--force").And.Contain("1,000,000"));
    }

    [TestCase("100T", "$100,000,000,000,000")]
    [TestCase("1000T", "$1,000,000,000,000,000")]
    [TestCase("1.5B", "$1,500,000,000")]
    public void ASpendAboveABillionAMonthIsRefused(string spend, string shown)
    {
        Refused(["tiers", "--spend", "20K," + spend, "--out", Path.Combine(Dir, "out")], $"'{spend}'", shown, "$1,000,000,000");
    }

    [Test]
    public void AScenarioSpendAboveTheLimitIsRefused()
    {
        Refused(["tiers", "--set", "tiers.spend=[20K, 2e9]", "--out", Path.Combine(Dir, "out")], "tiers.spend[1]", "at most 1000000000");
    }

    [Test]
    public void ATeamOfBillionsOfEngineersIsRefused()
    {
        // nodes_per_engineer of 1e-9 would make ceil(nodes / 1e-9) engineers, past an int.
        Refused(["tiers", "--set", "tiers.team.nodes_per_engineer=1e-9", "--out", Path.Combine(Dir, "out")], "tiers.team.nodes_per_engineer", "0.1");
    }

    [Test]
    public void MoreSpendLevelsThanTheLimitAreRefused()
    {
        string levels = string.Join(",", Enumerable.Range(1, InputLimits.MaxSpendLevels + 1).Select(i => $"{i}K"));
        Refused(["tiers", "--spend", levels, "--out", Path.Combine(Dir, "out")], "--spend", "21 levels", "20");
    }
}
