namespace FleetSim.Units;

/// <summary>A duration in hours (the unit GPUs are rented in).</summary>
public readonly record struct Hours(double Value)
{
    /// <summary>The seed's month: 730 hours.</summary>
    public static Hours Month => new(730);

    public int WholeMinutes => (int)Math.Round(Value * 60.0);

    public override string ToString() => $"{Value:0.##} h";
}
