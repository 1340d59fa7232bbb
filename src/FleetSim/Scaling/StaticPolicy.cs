namespace FleetSim.Scaling;

/// <summary>A fixed replica count all horizon: <c>static:N</c>, and the seed's <c>floor</c> and the best-priced <c>breakeven</c>.</summary>
public sealed class StaticPolicy(string name, int replicas, int horizonMinutes) : IScalingPolicy
{
    public string Name { get; } = name;

    public int Replicas { get; } = replicas;

    public double IntervalMinutes { get; } = Math.Max(1, horizonMinutes);

    public int DesiredReplicas(ScalingContext context) => Replicas;
}
