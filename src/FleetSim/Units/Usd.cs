using System.Globalization;

namespace FleetSim.Units;

/// <summary>An amount of US dollars. Costs in FleetSim are never negative.</summary>
public readonly record struct Usd(double Value) : IComparable<Usd>
{
    public static Usd Zero => new(0);

    public static Usd operator +(Usd a, Usd b) => new(a.Value + b.Value);
    public static Usd operator -(Usd a, Usd b) => new(a.Value - b.Value);
    public static Usd operator *(Usd a, double k) => new(a.Value * k);
    public static double operator /(Usd a, Usd b) => a.Value / b.Value;
    public static bool operator <(Usd a, Usd b) => a.Value < b.Value;
    public static bool operator >(Usd a, Usd b) => a.Value > b.Value;
    public static bool operator <=(Usd a, Usd b) => a.Value <= b.Value;
    public static bool operator >=(Usd a, Usd b) => a.Value >= b.Value;

    public int CompareTo(Usd other) => Value.CompareTo(other.Value);

    /// <summary>Whole dollars with thousands separators: "$70,080".</summary>
    public override string ToString() => ToString("$#,0", CultureInfo.InvariantCulture);

    public string ToString(string format, IFormatProvider provider) =>
        Value < 0 ? "-" + (-Value).ToString(format, provider) : Value.ToString(format, provider);

    /// <summary>The way people say it: "$185K", "$1.2M", "$950".</summary>
    public string ToShortString() => (Value < 0 ? "-$" : "$") + Quantity.Short(Math.Abs(Value));
}
