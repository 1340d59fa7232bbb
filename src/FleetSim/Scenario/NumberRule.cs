namespace FleetSim.Scenario;

/// <summary>The range a scenario number must fall in, and how to say so when it does not.</summary>
internal readonly record struct NumberRule(double Min, bool MinInclusive, double Max, bool MaxInclusive)
{
    public static NumberRule Positive => new(0, false, double.PositiveInfinity, false);
    public static NumberRule NonNegative => new(0, true, double.PositiveInfinity, false);
    public static NumberRule AtLeastOne => new(1, true, double.PositiveInfinity, false);
    public static NumberRule ShareBelowOne => new(0, true, 1, false);

    public static NumberRule Between(double min, double max) => new(min, true, max, true);

    public string? Check(double v)
    {
        bool low = MinInclusive ? v < Min : v <= Min;
        bool high = MaxInclusive ? v > Max : v >= Max;
        return low || high ? $"must be {Describe()}" : null;
    }

    public string Describe()
    {
        if (double.IsPositiveInfinity(Max))
        {
            return MinInclusive ? $"at least {Min:G}" : $"greater than {Min:G}";
        }
        string lo = MinInclusive ? "from" : "above";
        string hi = MaxInclusive ? "to" : "and below";
        return $"{lo} {Min:G} {hi} {Max:G}";
    }
}
