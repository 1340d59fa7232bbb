namespace FleetSim.Scaling;

/// <summary>
/// An autoscaling policy: at each decision instant, how many replicas the fleet should run.
/// The fleet rounds that up to whole nodes, waits out the provisioning delay for new ones, and
/// drains what it no longer needs.
/// </summary>
public interface IScalingPolicy
{
    /// <summary>The name compare prints.</summary>
    string Name { get; }

    /// <summary>Minutes between decisions (a fraction for a policy that decides within the minute, e.g. 0.25 for HPA's 15 s sync).</summary>
    double IntervalMinutes { get; }

    int DesiredReplicas(ScalingContext context);
}
