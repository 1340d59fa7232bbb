namespace FleetSim.Units;

/// <summary>A unit price: dollars per million processed tokens.</summary>
public readonly record struct UsdPerMillionTokens(double Value)
{
    public override string ToString() => $"${Value:0.000}/M";
}
