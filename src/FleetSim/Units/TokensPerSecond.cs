namespace FleetSim.Units;

/// <summary>A processed-token rate.</summary>
public readonly record struct TokensPerSecond(double Value) : IComparable<TokensPerSecond>
{
    public static TokensPerSecond operator *(TokensPerSecond r, double k) => new(r.Value * k);
    public static double operator /(TokensPerSecond a, TokensPerSecond b) => a.Value / b.Value;

    /// <summary>Tokens processed at this rate over a number of hours.</summary>
    public Tokens Over(Hours h) => new(Value * h.Value * 3600.0);

    public int CompareTo(TokensPerSecond other) => Value.CompareTo(other.Value);

    /// <summary>"26.6K tok/s".</summary>
    public override string ToString() => Quantity.Short(Value) + " tok/s";
}
