namespace FleetSim.Scenario;

/// <summary>The range a scenario number must fall in, and how to say so when it does not.</summary>
internal readonly record struct NumberRule(double Min, bool MinInclusive, double Max, bool MaxInclusive)
{
    public static NumberRule Positive => new(0, false, double.PositiveInfinity, false);
    public static NumberRule NonNegative => new(0, true, double.PositiveInfinity, false);
    public static NumberRule AtLeastOne => new(1, true, double.PositiveInfinity, false);
    public static NumberRule ShareBelowOne => new(0, true, 1, false);

    public static NumberRule Between(double min, double max) => new(min, true, max, true);

    /// <summary>
    /// A GPU-hour price: $0.01 to $10,000. Below a cent the node bill is no longer what decides anything and
    /// ratios against it run to infinity (issue 15); above $10,000 it is a typo.
    /// </summary>
    public static NumberRule GpuHourPrice => Between(0.01, 10_000);

    /// <summary>An API price per million tokens: $0.001 to $10,000 (the cheapest public models are about $0.02/M).</summary>
    public static NumberRule TokenPrice => Between(0.001, 10_000);

    /// <summary>The same rule with an upper bound: scenario values beyond it are typos, not fleets.</summary>
    public NumberRule AtMost(double max) => this with { Max = max, MaxInclusive = true };

    /// <summary>Null when <paramref name="v"/> is in range, else which side it broke, e.g. "must be greater than 0".</summary>
    public string? Check(double v)
    {
        bool low = MinInclusive ? v < Min : v <= Min;
        bool high = MaxInclusive ? v > Max : v >= Max;
        if (!low && !high)
        {
            return null;
        }
        bool bothSidesNamed = MinInclusive && MaxInclusive && Max - Min <= 1000;
        return bothSidesNamed ? $"must be from {Min:G} to {Max:G}"
            : low ? $"must be {LowSide()}"
            : $"must be {HighSide()}";
    }

    public string Describe() => double.IsPositiveInfinity(Max) ? LowSide()
        : MinInclusive && MaxInclusive ? $"from {Min:G} to {Max:G}"
        : $"{LowSide()} and {HighSide()}";

    private string LowSide() => MinInclusive ? $"at least {Min:G}" : $"greater than {Min:G}";

    private string HighSide() => MaxInclusive ? $"at most {Max:G}" : $"below {Max:G}";
}
