using FleetSim.Scenario;

namespace FleetSim.Tests.Scenario;

/// <summary>scaling.reactive as an HPA (autoscaling/v2) writes it: defaults, behavior, older keys, and refusals.</summary>
public class ReactiveSpecTests
{
    private static ReactiveSpec Reactive(params string[] sets) => Scenarios.Seed(sets).Scaling.Reactive;

    [Test]
    public void DefaultsAreKubernetesOwn()
    {
        ReactiveSpec r = Reactive();
        ScalingSpec s = Scenarios.Seed().Scaling;
        Assert.Multiple(() =>
        {
            Assert.That(r.Metric, Is.EqualTo(ReactiveMetric.BusyShare));
            Assert.That(r.SyncPeriodSeconds, Is.EqualTo(15));
            Assert.That(r.ScaleUp.StabilizationWindowSeconds, Is.EqualTo(0));
            Assert.That(r.ScaleUp.Select, Is.EqualTo(SelectPolicy.Max));
            Assert.That(r.ScaleUp.Policies, Is.EquivalentTo(new[]
            {
                new ScalingPolicySpec(ScalingPolicyType.Percent, 100, 15), new ScalingPolicySpec(ScalingPolicyType.Pods, 4, 15),
            }));
            Assert.That(r.ScaleDown.StabilizationWindowSeconds, Is.EqualTo(300));
            Assert.That(r.ScaleDown.Policies, Is.EqualTo(new[] { new ScalingPolicySpec(ScalingPolicyType.Percent, 100, 15) }));
            Assert.That(r.ScaleUp.Tolerance, Is.EqualTo(0.1));
            Assert.That(r.ScaleDown.Tolerance, Is.EqualTo(0.1));
            Assert.That(r.MinReplicas, Is.EqualTo(1));
            Assert.That(r.CooldownPeriodSeconds, Is.EqualTo(300));
            Assert.That(r.PollingIntervalSeconds, Is.EqualTo(30));
            Assert.That(s.ScaleDownUnneededMinutes, Is.EqualTo(10));
            Assert.That(s.ScaleDownDelayAfterAddMinutes, Is.EqualTo(10));
        });
    }

    [Test]
    public void BehaviorReadsAsAnHpaWritesIt()
    {
        ReactiveSpec r = Reactive(
            "scaling.reactive={metric: offered_load, target_utilization: 1.2, tolerance: 0.05, " +
            "scale_up: {stabilization_window_seconds: 60, select_policy: Min, policies: [{type: Pods, value: 2, period_seconds: 60}]}, " +
            "scale_down: {select_policy: Disabled, tolerance: 0.2}}");
        Assert.Multiple(() =>
        {
            Assert.That(r.Metric, Is.EqualTo(ReactiveMetric.OfferedLoad));
            Assert.That(r.TargetUtilization, Is.EqualTo(1.2));
            Assert.That(r.ScaleUp, Is.EqualTo(new ScalingRulesSpec(60, SelectPolicy.Min, r.ScaleUp.Policies, 0.05)));
            Assert.That(r.ScaleUp.Policies, Is.EqualTo(new[] { new ScalingPolicySpec(ScalingPolicyType.Pods, 2, 60) }));
            Assert.That(r.ScaleDown.Select, Is.EqualTo(SelectPolicy.Disabled));
            Assert.That(r.ScaleDown.StabilizationWindowSeconds, Is.EqualTo(300), "a field left out keeps its default, as the API server fills it");
            Assert.That(r.ScaleDown.Tolerance, Is.EqualTo(0.2));
        });
    }

    [Test]
    public void TheOlderMinuteKeysStillReadAsTheHpaFieldsTheyWere()
    {
        ReactiveSpec r = Reactive("scaling.reactive.scale_up_window_minutes=1", "scaling.reactive.scale_down_window_minutes=10",
                                  "scaling.reactive.interval_minutes=1");
        Assert.Multiple(() =>
        {
            Assert.That(r.ScaleUp.StabilizationWindowSeconds, Is.EqualTo(60));
            Assert.That(r.ScaleDown.StabilizationWindowSeconds, Is.EqualTo(600));
            Assert.That(r.SyncPeriodSeconds, Is.EqualTo(60));
        });
    }

    [TestCase("scaling.reactive={scale_down_window_minutes: 5, scale_down: {stabilization_window_seconds: 300}}", "say the same thing")]
    [TestCase("scaling.reactive={interval_minutes: 1, sync_period_seconds: 15}", "say the same thing")]
    [TestCase("scaling.reactive.scale_up={policies: [{type: Pod, value: 4, period_seconds: 15}]}", "Pods or Percent")]
    [TestCase("scaling.reactive.scale_up={policies: [{type: Pods, value: 4, period_seconds: 1801}]}", "period_seconds")]
    [TestCase("scaling.reactive.scale_up={policies: [{type: Pods, value: 0, period_seconds: 15}]}", "value")]
    [TestCase("scaling.reactive.scale_down={policies: []}", "at least one policy")]
    [TestCase("scaling.reactive.scale_down={select_policy: Biggest}", "Max, Min or Disabled")]
    [TestCase("scaling.reactive.scale_down={stabilization_window_seconds: 3601}", "stabilization_window_seconds")]
    [TestCase("scaling.reactive.metric=gpu", "busy_share")]
    [TestCase("scaling.reactive.metric_window_seconds=90", "whole minutes")]
    public void MistakesAreRefusedWithWhatToWrite(string set, string said)
    {
        Assert.That(() => Scenarios.Seed(set), Throws.TypeOf<ScenarioException>().With.Message.Contains(said));
    }

    [Test]
    public void MinReplicasZeroMeansScaleToZero() =>
        Assert.That(Reactive("scaling.reactive.min_replicas=0").ScalesToZero, Is.True);
}
