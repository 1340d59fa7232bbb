namespace FleetSim.Units;

/// <summary>A count of processed tokens (fresh input + cached input + output).</summary>
public readonly record struct Tokens(double Value) : IComparable<Tokens>
{
    public static Tokens Zero => new(0);

    public double Millions => Value / 1e6;

    public static Tokens operator +(Tokens a, Tokens b) => new(a.Value + b.Value);
    public static Tokens operator -(Tokens a, Tokens b) => new(a.Value - b.Value);
    public static double operator /(Tokens a, Tokens b) => a.Value / b.Value;

    /// <summary>What these tokens cost at a price per million.</summary>
    public static Usd operator *(Tokens t, UsdPerMillionTokens price) => new(t.Millions * price.Value);

    public int CompareTo(Tokens other) => Value.CompareTo(other.Value);

    /// <summary>"583B", "279.6B", "85K".</summary>
    public override string ToString() => Quantity.Short(Value);
}
