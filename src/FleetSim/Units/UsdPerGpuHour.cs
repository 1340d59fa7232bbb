namespace FleetSim.Units;

/// <summary>A GPU rental price.</summary>
public readonly record struct UsdPerGpuHour(double Value)
{
    /// <summary>The bill for a number of GPUs over a number of hours.</summary>
    public Usd For(int gpus, Hours hours) => new(Value * gpus * hours.Value);

    public override string ToString() => $"${Value:0.##}/GPU-hour";
}
