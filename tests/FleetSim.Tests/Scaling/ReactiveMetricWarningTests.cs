using FleetSim.Runs;

namespace FleetSim.Tests.Scaling;

/// <summary>compare says where the reactive policy's two metrics part ways.</summary>
public class ReactiveMetricWarningTests
{
    private static string[] Warnings(params string[] sets) =>
        [.. PolicyComparison.Of(Scenarios.Seed(["horizon_hours=168", .. sets]), ["reactive"]).Warnings.Where(w => w.StartsWith("scaling.reactive", StringComparison.Ordinal))];

    [Test]
    public void ABusyShareTargetAboveWhatABusyShareCanReachIsCalledOut()
    {
        // 1.3 × (1 + 0.1) ≥ 1: a busy share (at most 1) never asks for more replicas.
        string[] said = Warnings("scaling.reactive.target_utilization=1.3");
        Assert.That(said, Has.One.Contains("only shrinks toward min_replicas"));
    }

    [Test]
    public void DemandAboveCapacityThatABusyShareCannotSeeIsCalledOut()
    {
        // Target 0.9: a saturated busy share asks for at most ×1.11 per sync, and the default max_replicas
        // is never reached, so the metric is what keeps the fleet below demand.
        string[] said = Warnings("scaling.reactive.target_utilization=0.9");
        Assert.That(said, Has.One.Contains("below max_replicas, which metric busy_share cannot see"));
    }

    [Test]
    public void AFleetHeldAtMaxReplicasIsBlamedOnMaxReplicasNotTheMetric()
    {
        // min_replicas 2, max 2 on traffic that needs ~8: no metric could have grown the fleet.
        string[] said = Warnings("scaling.reactive.min_replicas=2", "scaling.reactive.max_replicas=2");
        Assert.That(said, Has.One.Contains("max_replicas 2 held the fleet below demand in 100 % of minutes"));
        Assert.That(said, Has.None.Contains("cannot see"));
    }

    [Test]
    public void AFleetWithScaleUpDisabledIsBlamedOnTheSelectPolicy()
    {
        string[] said = Warnings("scaling.reactive.min_replicas=2", "scaling.reactive.scale_up={select_policy: Disabled}");
        Assert.That(said, Has.One.Contains("scale_up.select_policy is Disabled, so the fleet never grows"));
        Assert.That(said, Has.None.Contains("cannot see").And.None.Contains("max_replicas"));
    }

    [Test]
    public void TheOfferedLoadSeesDemandAboveCapacityAndIsNotWarnedAbout()
    {
        string[] said = Warnings("scaling.reactive.metric=offered_load", "scaling.reactive.target_utilization=1.3");
        Assert.That(said, Has.None.Contains("cannot see").And.None.Contains("only shrinks"));
    }
}
