using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>
/// The scaling.reactive section: an HPA (autoscaling/v2) with its <c>behavior</c>, spelt as in a
/// HorizontalPodAutoscaler but in snake_case, and KEDA's scale-to-zero keys.
/// </summary>
internal sealed partial class ScenarioReader
{
    private static ReactiveSpec ReadReactive(MappingReader r)
    {
        r.Allow("metric", "target_utilization", "tolerance", "sync_period_seconds", "metric_window_seconds", "min_replicas", "max_replicas",
                "scale_up", "scale_down", "cooldown_period_seconds", "polling_interval_seconds",
                "scale_up_window_minutes", "scale_down_window_minutes", "interval_minutes");
        ReactiveSpec d = ReactiveSpec.Default;
        string metricText = r.Text("metric") ?? ReactiveSpec.Name(d.Metric);
        ReactiveMetric metric = metricText switch
        {
            "busy_share" => ReactiveMetric.BusyShare,
            "offered_load" => ReactiveMetric.OfferedLoad,
            _ => throw r.Error(r.Required("metric"), "metric", $"expected 'busy_share' or 'offered_load', found '{metricText}'"),
        };
        // The flat tolerance is the controller's --horizontal-pod-autoscaler-tolerance: each direction's own overrides it.
        double tolerance = r.Number("tolerance", NumberRule.NonNegative.AtMost(10), d.ScaleUp.Tolerance);
        int? upWindow = OlderWindow(r, "scale_up_window_minutes");
        int? downWindow = OlderWindow(r, "scale_down_window_minutes");
        // interval_minutes and the *_window_minutes keys are an earlier FleetSim's spelling, still read: each is one HPA field in minutes.
        int sync = r.Integer("sync_period_seconds", NumberRule.AtLeastOne.AtMost(86_400), d.SyncPeriodSeconds);
        if (r.Find("interval_minutes") is { } interval)
        {
            sync = r.Find("sync_period_seconds") is null
                ? Math.Max(1, (int)Math.Round(r.Number("interval_minutes", NumberRule.Positive.AtMost(1_440)) * 60))
                : throw r.Error(interval, "interval_minutes", "and sync_period_seconds say the same thing: keep sync_period_seconds");
        }
        int window = r.Integer("metric_window_seconds", NumberRule.AtLeastOne.AtMost(86_400), d.MetricWindowSeconds);
        if (window % 60 != 0)
        {
            throw r.Error(r.Required("metric_window_seconds"), "metric_window_seconds",
                $"must be whole minutes (60, 120, ...), the engine's resolution; got {window}");
        }
        var spec = new ReactiveSpec(
            metric,
            r.Number("target_utilization", new NumberRule(0, false, 4, true), d.TargetUtilization),
            ReadScalingRules(r, "scale_up", ScalingRulesSpec.ScaleUpDefault with { Tolerance = tolerance }, upWindow),
            ReadScalingRules(r, "scale_down", ScalingRulesSpec.ScaleDownDefault with { Tolerance = tolerance }, downWindow),
            sync,
            window,
            r.Integer("min_replicas", NumberRule.NonNegative.AtMost(100_000), d.MinReplicas),
            r.Integer("max_replicas", NumberRule.AtLeastOne.AtMost(100_000), d.MaxReplicas),
            r.Integer("cooldown_period_seconds", NumberRule.NonNegative.AtMost(86_400), d.CooldownPeriodSeconds),
            r.Integer("polling_interval_seconds", NumberRule.AtLeastOne.AtMost(86_400), d.PollingIntervalSeconds));
        if (spec.MaxReplicas < spec.MinReplicas)
        {
            throw r.Error(r.Required("max_replicas"), "max_replicas", $"must be at least min_replicas ({spec.MinReplicas})");
        }
        return spec;
    }

    /// <summary>An older window key in minutes, as whole seconds; null when absent.</summary>
    private static int? OlderWindow(MappingReader r, string key) =>
        r.Find(key) is null ? null : (int)Math.Round(r.Number(key, NumberRule.NonNegative.AtMost(60)) * 60);

    /// <summary>
    /// One direction of <c>behavior</c>. Each missing field takes Kubernetes' default on its own, as the
    /// API server's defaulting does (<c>copyHPAScalingRules</c>): a section with only policies keeps the default window.
    /// </summary>
    private static ScalingRulesSpec ReadScalingRules(MappingReader parent, string key, ScalingRulesSpec fallback, int? olderWindow)
    {
        if (parent.Mapping(key) is not { } s)
        {
            return olderWindow is { } w ? fallback with { StabilizationWindowSeconds = w } : fallback;
        }
        s.Allow("stabilization_window_seconds", "select_policy", "policies", "tolerance");
        int window = s.Integer("stabilization_window_seconds", NumberRule.NonNegative.AtMost(3_600), olderWindow ?? fallback.StabilizationWindowSeconds);
        if (olderWindow is not null && s.Find("stabilization_window_seconds") is { } both)
        {
            throw s.Error(both, "stabilization_window_seconds", $"and {key}_window_minutes say the same thing: keep stabilization_window_seconds");
        }
        string selectText = s.Text("select_policy") ?? fallback.Select.ToString();
        SelectPolicy select = selectText.ToLowerInvariant() switch
        {
            "max" => SelectPolicy.Max,
            "min" => SelectPolicy.Min,
            "disabled" => SelectPolicy.Disabled,
            _ => throw s.Error(s.Required("select_policy"), "select_policy", $"expected Max, Min or Disabled, found '{selectText}'"),
        };
        IReadOnlyList<ScalingPolicySpec> policies = s.Find("policies") is { } node ? ReadScalingPolicies(s, node) : fallback.Policies;
        if (policies.Count == 0 && select != SelectPolicy.Disabled)
        {
            throw s.Error(s.Required("policies"), "policies", "must list at least one policy (or set select_policy: Disabled), as Kubernetes requires");
        }
        double tolerance = s.Number("tolerance", NumberRule.NonNegative.AtMost(10), fallback.Tolerance);
        return new ScalingRulesSpec(window, select, policies, tolerance);
    }

    private static ScalingPolicySpec[] ReadScalingPolicies(MappingReader s, YamlNode node)
    {
        if (node is not YamlSequenceNode seq)
        {
            throw s.Error(node, "policies", $"expected a list of {{type: Pods|Percent, value, period_seconds}}, found {MappingReader.Describe(node)}");
        }
        var policies = new ScalingPolicySpec[seq.Children.Count];
        for (int i = 0; i < policies.Length; i++)
        {
            MappingReader p = s.AsMapping(seq.Children[i], $"{s.PathOf("policies")}[{i}]").Allow("type", "value", "period_seconds");
            string typeText = p.Text("type") ?? throw p.ErrorHere("needs a type: Pods or Percent");
            ScalingPolicyType type = typeText.ToLowerInvariant() switch
            {
                "pods" => ScalingPolicyType.Pods,
                "percent" => ScalingPolicyType.Percent,
                _ => throw p.Error(p.Required("type"), "type", $"expected Pods or Percent, found '{typeText}'"),
            };
            policies[i] = new ScalingPolicySpec(
                type,
                p.Integer("value", NumberRule.AtLeastOne.AtMost(100_000)),
                p.Integer("period_seconds", NumberRule.Between(1, 1_800)));
        }
        return policies;
    }
}
