namespace FleetSim.Scenario;

/// <summary>How the fleet may change over the horizon, and which policies `fleetsim compare` runs.</summary>
/// <param name="Policies">Policy names compared by default (<see cref="Scaling.PolicyFactory.Names"/>, static:N).</param>
/// <param name="ProvisioningMinutes">From asking for a node to its replicas serving: node start plus loading the weights.</param>
/// <param name="DrainMinutes">A scaled-down replica takes no new requests and is released this long after (its requests finish).</param>
/// <param name="MaxNodes">Nodes obtainable at once, reserved included (a stockout cap); null: no cap.</param>
public sealed record ScalingSpec(
    IReadOnlyList<string> Policies,
    double ProvisioningMinutes,
    double DrainMinutes,
    int? MaxNodes,
    ReactiveSpec Reactive,
    ScheduleSpec? Schedule,
    PredictiveSpec Predictive,
    FailureSpec? Failures)
{
    /// <summary>Every policy but static, which only restates the scenario's fleet: what compare runs by default.</summary>
    public static IReadOnlyList<string> AllPolicies { get; } = [.. Scaling.PolicyFactory.Names.Where(n => n != "static")];

    public static ScalingSpec Default { get; } = new(
        AllPolicies, 15, 1, null, ReactiveSpec.Default, null, new PredictiveSpec(ForecastMethod.SeasonalNaive), null);
}

/// <summary>Kubernetes HPA's rule: desired = ceil(current × utilization / target), outside a tolerance band.</summary>
public sealed record ReactiveSpec(
    double TargetUtilization,
    double Tolerance,
    double ScaleUpWindowMinutes,
    double ScaleDownWindowMinutes,
    double IntervalMinutes,
    int MinReplicas,
    int MaxReplicas)
{
    public static ReactiveSpec Default { get; } = new(0.8, 0.1, 0, 5, 1, 1, 100_000);
}

/// <summary>Replicas per hour of day, for weekdays and weekends; null levels are derived from the traffic by the break-even rule.</summary>
public sealed record ScheduleSpec(IReadOnlyList<int>? Weekday, IReadOnlyList<int>? Weekend);

public enum ForecastMethod
{
    /// <summary>Each coming hour looks like the same hour a day earlier.</summary>
    SeasonalNaive,

    /// <summary>Additive Holt-Winters with a 24-hour season.</summary>
    HoltWinters,
}

public sealed record PredictiveSpec(ForecastMethod Method);

/// <summary>Replica failures: exponential times between failures and to repair.</summary>
public sealed record FailureSpec(double MtbfHours, double MttrHours);
