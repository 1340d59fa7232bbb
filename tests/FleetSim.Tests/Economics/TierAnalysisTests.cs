using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Engine;
using FleetSim.Scenario;

namespace FleetSim.Tests.Economics;

/// <summary>Issue 7: the tiers table's columns behave as money should.</summary>
public class TierAnalysisTests
{
    private static readonly string[] FastPolicies = ["scaling.policies=[floor, breakeven, schedule]"];

    private static ScenarioSpec Seed(params string[] sets) => Scenarios.Seed([.. FastPolicies, .. sets]);

    [Test]
    public void AtTheScenariosOwnSpendTheFloorColumnIsFleetsimRun()
    {
        ScenarioSpec seed = Seed();
        Bill run = ScenarioRun.Of(seed).Bill;
        TierRow row = TierAnalysis.Run(seed, [run.AllApi.Value])[0];
        Assert.Multiple(() =>
        {
            Assert.That(row.Floor.MonthlySavings, Is.EqualTo(run.Savings.Value).Within(1e-6).Percent);
            Assert.That(row.Floor.SavingsFraction, Is.EqualTo(run.SavingsFraction).Within(1e-9));
        });
    }

    [Test]
    public void BelowOneNodesBreakEvenTheFloorColumnSaysSo()
    {
        ScenarioSpec seed = Seed();
        TierRow row = TierAnalysis.Run(seed, [20_000])[0];
        string table = FleetSim.Reporting.TiersTable.Render(seed, [row], markdown: false);
        Assert.Multiple(() =>
        {
            Assert.That(row.Floor.BelowOneNode, Is.True);
            Assert.That(row.Verdict, Is.EqualTo("stay on the API"));
            Assert.That(table, Does.Contain("below one node"));
        });
    }

    [Test]
    public void SavingsNeverRiseWhenReplicaPricesRise()
    {
        double[] spend = [100_000, 500_000, 2_000_000];
        IReadOnlyList<TierRow>? previous = null;
        foreach (double price in new[] { 4.0, 5.0, 6.0, 7.0 })
        {
            IReadOnlyList<TierRow> rows = TierAnalysis.Run(Seed($"replica.usd_per_gpu_hour={price}"), spend);
            if (previous is not null)
            {
                for (int i = 0; i < rows.Count; i++)
                {
                    Assert.That(rows[i].Floor.MonthlySavings ?? 0, Is.LessThanOrEqualTo((previous[i].Floor.MonthlySavings ?? 0) + 1e-6), $"floor at {price}");
                    Assert.That(rows[i].Best.MonthlySavings ?? 0, Is.LessThanOrEqualTo((previous[i].Best.MonthlySavings ?? 0) + 1e-6), $"best at {price}");
                    Assert.That(rows[i].Aggressive.MonthlySavings ?? 0, Is.LessThanOrEqualTo((previous[i].Aggressive.MonthlySavings ?? 0) + 1e-6), $"aggressive at {price}");
                }
            }
            previous = rows;
        }
    }

    [Test]
    public void NetSavingsNeverRiseWhenSalariesRise()
    {
        double[] spend = [250_000, 1_000_000];
        IReadOnlyList<TierRow>? previous = null;
        foreach (double salary in new[] { 200_000.0, 300_000, 500_000, 800_000 })
        {
            IReadOnlyList<TierRow> rows = TierAnalysis.Run(Seed($"tiers.team={{salary_low: {salary}, salary_high: {salary * 1.5}}}"), spend);
            if (previous is not null)
            {
                for (int i = 0; i < rows.Count; i++)
                {
                    Assert.That(rows[i].NetAnnualLow, Is.LessThanOrEqualTo(previous[i].NetAnnualLow + 1e-6));
                    Assert.That(rows[i].NetAnnualHigh, Is.LessThanOrEqualTo(previous[i].NetAnnualHigh + 1e-6));
                    Assert.That(rows[i].BareNetAnnualHigh, Is.LessThanOrEqualTo(previous[i].BareNetAnnualHigh + 1e-6));
                }
            }
            previous = rows;
        }
    }

    [Test]
    public void AggressiveTuningSavesMoreThanTheBestPolicyAndExpertiseChangesTheMarginalVerdict()
    {
        TierRow plain = TierAnalysis.Run(Seed(), [250_000])[0];
        TierRow expert = TierAnalysis.Run(Seed("tiers.team.has_gpu_expertise=true"), [250_000])[0];
        Assert.Multiple(() =>
        {
            Assert.That(plain.Aggressive.MonthlySavings ?? 0, Is.GreaterThan(plain.Best.MonthlySavings ?? 0));
            Assert.That(plain.Verdict, Is.EqualTo("only with existing GPU expertise"));
            Assert.That(expert.Verdict, Is.EqualTo("self-host with the GPU expertise you have"));
        });
    }

    [Test]
    public void TiersCliWritesItsFilesAndRefusesABadSpend()
    {
        string dir = Path.Combine(Directory.CreateTempSubdirectory("fleetsim-tiers-").FullName, "out");
        var stdout = new StringWriter();
        int ok = global::FleetSim.Cli.Cli.Run(["tiers", "--spend", "35K,185K,$2M", "--format", "md", "--out", dir, .. FastPolicies.SelectMany(s => new[] { "--set", s })], stdout, new StringWriter());
        var stderr = new StringWriter();
        int bad = global::FleetSim.Cli.Cli.Run(["tiers", "--spend", "lots", "--out", dir + "-bad"], new StringWriter(), stderr);
        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.EqualTo(0));
            Assert.That(stdout.ToString(), Does.Contain("| $185K |"));
            Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "tiers.md", "tiers.json", "tiers.png" }));
            Assert.That(bad, Is.EqualTo(2));
            Assert.That(stderr.ToString(), Does.Contain("--spend"));
            Assert.That(Directory.Exists(dir + "-bad"), Is.False);
        });
        Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
    }
}
