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
        // min_replicas 2, max 2 on traffic that needs ~8: demand is above the fleet's capacity most minutes.
        string[] said = Warnings("scaling.reactive.min_replicas=2", "scaling.reactive.max_replicas=2");
        Assert.That(said, Has.One.Contains("cannot see"));
    }

    [Test]
    public void TheOfferedLoadSeesDemandAboveCapacityAndIsNotWarnedAbout()
    {
        string[] said = Warnings("scaling.reactive.metric=offered_load", "scaling.reactive.target_utilization=1.3",
                                 "scaling.reactive.min_replicas=2", "scaling.reactive.max_replicas=2");
        Assert.That(said, Is.Empty);
    }
}
