using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Reporting;
using FleetSim.Runs;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Scenario;

namespace FleetSim.Tests.Traffic.Classes;

/// <summary>compare, sweep and the CLI with traffic classes: the class figures add up, a fixed fleet bills what run bills, the oracle is refused.</summary>
public class CompareWithClassesTests
{
    private const string ThirtyPercentWithinADay = "traffic.classes=[{name: chat, share: 0.7}, {name: bulk, share: 0.3, deadline_hours: 24}]";

    /// <summary>Every policy's classes list adds up to its totals: tokens by where they went, and dollars.</summary>
    [Test]
    public void EachPolicysClassesAddUpToItsTotals()
    {
        ScenarioSpec scenario = Scenarios.Seed(ThirtyPercentWithinADay, "api.batch_discount=0.5");
        CompareSummary summary = CompareSummary.Of(PolicyComparison.Of(scenario));
        Assert.That(summary.Policies, Is.Not.Empty);
        foreach (PolicySummary p in summary.Policies)
        {
            IReadOnlyList<ClassJson> c = p.Classes!;
            PolicyClassTokens t = p.ClassTokens!;
            double scale = t.DemandTokens;
            Assert.Multiple(() =>
            {
                Assert.That(c.Sum(k => k.DemandTokens), Is.EqualTo(t.DemandTokens).Within(1e-9 * scale), p.Policy);
                Assert.That(c.Sum(k => k.SelfHostTokens), Is.EqualTo(t.SelfHostTokens).Within(1e-9 * scale), p.Policy);
                Assert.That(c.Sum(k => k.DeferredSelfHostTokens), Is.EqualTo(t.DeferredSelfHostTokens).Within(1e-9 * scale), p.Policy);
                Assert.That(c.Sum(k => k.SpillTokens), Is.EqualTo(t.SpillTokens).Within(1e-6 * scale), p.Policy);
                Assert.That(c.Sum(k => k.BatchApiTokens), Is.EqualTo(t.BatchApiTokens).Within(1e-9 * scale), p.Policy);
                Assert.That(c.Sum(k => k.DroppedTokens), Is.EqualTo(t.DroppedTokens).Within(1e-9 * scale), p.Policy);
                Assert.That(t.SelfHostTokens + t.SpillTokens + t.BatchApiTokens + t.DroppedTokens, Is.EqualTo(t.DemandTokens).Within(1e-6 * scale), p.Policy);
                Assert.That(c.Sum(k => k.TotalUsd), Is.EqualTo(p.TotalUsd).Within(0.01), p.Policy);
                Assert.That(c.Sum(k => k.SelfHostUsd), Is.EqualTo(p.SelfHostUsd).Within(0.01), p.Policy);
                Assert.That(c.Sum(k => k.SpillUsd + k.BatchApiUsd + k.UnservedUsd), Is.EqualTo(p.ApiUsd).Within(0.01), p.Policy);
                Assert.That(c.Sum(k => k.BatchApiUsd), Is.EqualTo(t.BatchApiUsd).Within(0.01), p.Policy);
                // The bulk class's tokens at the batch tier cost half the list price ($0.317/M).
                Assert.That(c[1].BatchApiUsd, Is.EqualTo(c[1].BatchApiTokens / 1e6 * 0.317 * 0.5).Within(1e-6 * Math.Max(1, c[1].BatchApiUsd)), p.Policy);
            });
        }
    }

    /// <summary>The static policy runs the scenario's fixed fleet: with classes its compare row is run's bill (no failures here).</summary>
    [Test]
    public void TheStaticRowWithClassesIsRunsBill()
    {
        ScenarioSpec scenario = Scenarios.Seed(ThirtyPercentWithinADay, "api.batch_discount=0.5");
        Bill run = ScenarioRun.Of(scenario, EngineChoice.Minute).Bill;
        Bill row = PolicyComparison.Of(scenario, ["static"])["static"].Bill;
        Assert.Multiple(() =>
        {
            Assert.That(row.Total.Value, Is.EqualTo(run.Total.Value).Within(0.01));
            Assert.That(row.SelfHost.Value, Is.EqualTo(run.SelfHost.Value).Within(0.01));
            Assert.That(row.AllApi.Value, Is.EqualTo(run.AllApi.Value).Within(0.01));
            Assert.That(row.BatchApiTokens.Value, Is.EqualTo(run.BatchApiTokens.Value).Within(1e-9).Percent);
            for (int i = 0; i < 2; i++)
            {
                Assert.That(row.ByClass[i].Tokens.SelfHosted.Value, Is.EqualTo(run.ByClass[i].Tokens.SelfHosted.Value).Within(1e-9).Percent);
                Assert.That(row.ByClass[i].Total.Value, Is.EqualTo(run.ByClass[i].Total.Value).Within(0.01));
            }
        });
    }

    /// <summary>
    /// The done-when: the default scenario with 30 % of its tokens deferrable within 24 h (no batch discount, so the
    /// all-API bill is the same) saves measurably more under compare's best policy than the same tokens all
    /// interactive. The deferrable run can do no worse: the interactive 70 % alone costs the policies no more than the
    /// whole did, and the 30 % costs at most its list price. Measurably: by more than 1 % of the all-API bill.
    /// </summary>
    [Test]
    public void DeferrableTokensSaveMoreUnderComparesBestPolicy()
    {
        PolicyComparison plain = PolicyComparison.Of(Scenarios.Seed());
        PolicyComparison classed = PolicyComparison.Of(Scenarios.Seed(ThirtyPercentWithinADay));
        PolicyResult before = plain.BestDeployable!, after = classed.BestDeployable!;
        Assert.Multiple(() =>
        {
            Assert.That(classed.AllApi.Value, Is.EqualTo(plain.AllApi.Value).Within(1e-6), "no discount: the same baseline");
            Assert.That(after.Savings.Value - before.Savings.Value, Is.GreaterThan(0.01 * plain.AllApi.Value),
                        $"{after.Policy} {after.Savings} against {before.Policy} {before.Savings}");
        });
    }

    /// <summary>With a deferrable class the oracle is no bound: named in --policies it is refused (exit 2); by default it is left out, with a warning.</summary>
    [Test]
    public void TheOracleIsRefusedWithADeferrableClass()
    {
        ScenarioSpec scenario = Scenarios.Seed(ThirtyPercentWithinADay);
        var e = Assert.Throws<ScenarioException>(() => PolicyComparison.Of(scenario, ["breakeven", "oracle"]))!;
        PolicyComparison byDefault = PolicyComparison.Of(scenario);
        Assert.Multiple(() =>
        {
            Assert.That(e.KeyPath, Is.EqualTo("traffic.classes"));
            Assert.That(e.Message, Does.Contain("no bound").And.Contain("--policies"));
            Assert.That(byDefault.Runs.Select(r => r.Policy), Does.Not.Contain("oracle"));
            Assert.That(byDefault.Bound, Is.Null);
            Assert.That(byDefault.Warnings, Has.Some.EqualTo(PolicyComparison.OracleLeftOut));
            // All-interactive classes keep the oracle: it is a bound on the whole (interactive) demand.
            Assert.That(PolicyComparison.Of(Scenarios.Seed("traffic.classes=[{name: a, share: 0.6}, {name: b, share: 0.4}]")).Bound, Is.Not.Null);
        });

        foreach (string verb in new[] { "compare", "sweep" })
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            string dir = Directory.CreateTempSubdirectory("fleetsim-classes-").FullName;
            int code = FleetSim.Cli.Cli.Run([verb, "--policies", "breakeven,oracle", "--out", Path.Combine(dir, "out"), "--set", "horizon_hours=24", "--set", ThirtyPercentWithinADay],
                                            stdout, stderr);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(2), $"{verb}: {stderr}");
                Assert.That(stderr.ToString(), Does.Contain("traffic.classes").And.Contain("no bound"), verb);
                Assert.That(stderr.ToString(), Does.Not.Contain("   at ").And.Not.Contain("internal error"), verb);
            });
        }
    }

    /// <summary>A sweep with classes: each record's batch tier is compare's for that seed, and sums into api_usd.</summary>
    [Test]
    public void ASweepWithClassesRecordsTheBatchTier()
    {
        string[] sets = [ThirtyPercentWithinADay, "api.batch_discount=0.5", "horizon_hours=48"];
        ScenarioSpec Build(IReadOnlyList<ScenarioOverride> point) => ScenarioLoader.Default([.. sets.Select(ScenarioOverride.Parse), .. point]);
        var spec = new SweepSpec(2, 1, [], ["breakeven", "schedule"], 1, SweepShard.Whole);
        IReadOnlyList<RunRecord> records = SweepRunner.Run(spec, Build);
        PolicyComparison c = PolicyComparison.Of(Build([]), ["breakeven", "schedule"]);
        foreach (RunRecord r in records.Where(r => r.Run == 0))
        {
            Bill bill = c[r.Policy].Bill;
            Assert.Multiple(() =>
            {
                Assert.That(r.BatchApiTokens, Is.EqualTo(bill.BatchApiTokens.Value).Within(1e-9).Percent, r.Policy);
                Assert.That(r.BatchApiUsd, Is.EqualTo(bill.BatchApi.Value).Within(0.006), r.Policy);
                Assert.That(r.BatchApiUsd, Is.GreaterThan(0).And.LessThanOrEqualTo(r.ApiUsd), r.Policy);
                Assert.That(r.TotalUsd, Is.EqualTo(bill.Total.Value).Within(0.011), r.Policy);
            });
        }
        var csv = new StringWriter();
        SweepCsv.WriteRuns(records, csv);
        string path = Path.GetTempFileName();
        File.WriteAllText(path, csv.ToString());
        Assert.That(SweepCsv.ReadRuns(path), Is.EqualTo(records.OrderBy(r => r.Item)), "runs.csv reads back the batch columns");
    }
}
