using FleetSim.Engine;
using FleetSim.Runs;

namespace FleetSim.Tests.Scaling;

/// <summary>Defects a review found in autoscaling and its CLI, each pinned so it stays fixed.</summary>
public class ReviewFindingsTests
{
    private static (int Code, string Err) Fleetsim(params string[] args)
    {
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(args, new StringWriter(), stderr);
        return (code, stderr.ToString());
    }

    [Test]
    public void PreemptedSpotNodesAreReplaced()
    {
        PolicyComparison c = PolicyComparison.Of(
            Scenarios.Seed("pricing.spot={usd_per_gpu_hour: 2, preemptions_per_node_hour: 0.05}"), ["schedule", "reactive"]);
        Assert.Multiple(() =>
        {
            foreach (PolicyResult run in c.Runs)
            {
                Assert.That(run.Preemptions, Is.GreaterThan(0), run.Policy);
                Assert.That(run.SpillShare, Is.LessThan(0.4), $"{run.Policy} keeps its fleet");
            }
        });
    }

    [Test]
    public void TheOracleStillBoundsEveryPolicyWithAMinimumCharge()
    {
        PolicyComparison c = PolicyComparison.Of(
            Scenarios.Seed("pricing.minimum_charge_minutes=60", "traffic.noise={minute_cv: 0.2, minute_correlation: 0.5}"),
            ["floor", "breakeven", "schedule", "oracle"]);
        foreach (PolicyResult run in c.Runs)
        {
            Assert.That(c["oracle"].SavingsFraction, Is.GreaterThanOrEqualTo(run.SavingsFraction - 1e-12), run.Policy);
        }
    }

    [Test]
    public void TheCeilingUsesTheCheapestNodeOnOffer()
    {
        double plain = PolicyComparison.Of(Scenarios.Seed(), ["floor"]).SavingsCeiling;
        double reserved = PolicyComparison.Of(Scenarios.Seed("pricing.reserved_nodes=2", "pricing.reserved_usd_per_gpu_hour=3"), ["floor"]).SavingsCeiling;
        Assert.That(reserved, Is.GreaterThan(plain + 0.2));
    }

    [TestCase("sweep", "--policies", "static:x")]
    [TestCase("compare", "--policies", "floor:3")]
    [TestCase("sweep", "--runs", "5", "--seed", "2147483647")]
    [TestCase("compare", "--set", "scaling.max_nodes=1", "--set", "pricing.reserved_nodes=2")]
    [TestCase("report", "--set", "scaling.policies=[floor, static:x]")]
    public void BadPolicyAndSeedArgumentsAreOneLineAndExitTwo(params string[] args)
    {
        string dir = Path.Combine(Path.GetTempPath(), "fleetsim-review-" + Guid.NewGuid().ToString("N"));
        var (code, err) = Fleetsim([.. args, "--out", dir]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), err);
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1), err);
            Assert.That(err, Does.StartWith("fleetsim: "));
            Assert.That(Directory.Exists(dir), Is.False);
        });
    }

    [Test]
    public void PredictiveRunsOnAOneHourHorizon() =>
        Assert.That(() => PolicyComparison.Of(Scenarios.Seed("horizon_hours=1"), ["predictive"]), Throws.Nothing);
}
