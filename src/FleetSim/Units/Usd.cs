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

    /// <summary>
    /// The amount in <paramref name="format"/>, a minus sign before it when negative; an amount that
    /// rounds to zero in that format is written without a sign ("$0", never "-$0").
    /// </summary>
    public string ToString(string format, IFormatProvider provider)
    {
        string magnitude = Math.Abs(Value).ToString(format, provider);
        return Value < 0 && magnitude != 0d.ToString(format, provider) ? "-" + magnitude : magnitude;
    }

    /// <summary>The way people say it: "$185K", "$1.2M", "$950"; never "-$0".</summary>
    public string ToShortString()
    {
        string magnitude = Quantity.Short(Math.Abs(Value));
        return (Value < 0 && magnitude != Quantity.Short(0) ? "-$" : "$") + magnitude;
    }
}
