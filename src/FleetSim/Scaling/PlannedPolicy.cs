namespace FleetSim.Scaling;

/// <summary>
/// A policy that knows its wanted replicas minute by minute ahead of time (the schedule):
/// it asks for capacity one provisioning delay early so it serves when the plan needs it, and lets
/// it go only when the plan drops.
/// </summary>
public sealed class PlannedPolicy(string name, int[] plan) : IScalingPolicy
{
    public string Name { get; } = name;

    public double IntervalMinutes => 1;

    /// <summary>Wanted replicas in each minute of the horizon.</summary>
    public ReadOnlySpan<int> Plan => plan;

    public int DesiredReplicas(ScalingContext context)
    {
        int now = Math.Min(context.Minute, plan.Length - 1);
        int ahead = Math.Min(context.Minute + context.ProvisioningMinutes, plan.Length - 1);
        int wanted = plan[now];
        for (int m = now + 1; m <= ahead; m++)
        {
            wanted = Math.Max(wanted, plan[m]);
        }
        return wanted;
    }
}
