namespace FleetSim.Scenario;

/// <summary>
/// How a month of traffic differs from the average shape: every factor is optional and seeded.
/// </summary>
/// <param name="MinuteCv">Coefficient of variation of per-minute lognormal noise.</param>
/// <param name="MinuteCorrelation">AR(1) correlation of that noise from one minute to the next.</param>
/// <param name="DailyCv">Coefficient of variation of each day's level (lognormal).</param>
/// <param name="GrowthPerMonth">Month-over-month growth, compounding over the horizon from 1 at minute 0.</param>
/// <param name="Bursts">Sudden surges, when given.</param>
public sealed record NoiseSpec(double MinuteCv, double MinuteCorrelation, double DailyCv, double GrowthPerMonth, BurstSpec? Bursts)
{
    public static NoiseSpec None { get; } = new(0, 0, 0, 0, null);

    public bool IsRandom => MinuteCv > 0 || DailyCv > 0 || Bursts is { PerDay: > 0 };
}

/// <summary>Surges arriving as a Poisson process: each multiplies demand by (1 + Height) for Minutes.</summary>
public sealed record BurstSpec(double PerDay, double Height, double Minutes);
