namespace FleetSim.Scenario;

/// <summary>
/// `fleetsim tiers`: the monthly API spend levels to scale the traffic to, the "aggressive" replica,
/// the team that would run the fleet, and the two ways to rent GPUs.
/// </summary>
/// <param name="SpendLevels">Monthly API spend levels, $.</param>
/// <param name="ThroughputFactor">Aggressive column: replica tok/s × this (speculative decoding, FP4, batch tuning).</param>
/// <param name="InFlightFactor">Aggressive column: max in flight × this (relaxed per-stream SLAs).</param>
/// <param name="Team">Who runs the fleet, and what they cost.</param>
/// <param name="BareUsdPerGpuHour">Renting bare GPUs and running them yourself: low and high $/GPU-hour.</param>
/// <param name="ManagedUsdPerGpuHour">Dedicated endpoints at a managed inference provider, who carries the ops: low and high $/GPU-hour.</param>
public sealed record TiersSpec(
    IReadOnlyList<double> SpendLevels,
    double ThroughputFactor,
    double InFlightFactor,
    TeamSpec Team,
    (double Low, double High) BareUsdPerGpuHour,
    (double Low, double High) ManagedUsdPerGpuHour)
{
    public static IReadOnlyList<double> DefaultSpend { get; } = [20e3, 35e3, 50e3, 100e3, 185e3, 250e3, 500e3, 1e6, 2e6, 5e6];

    public static TiersSpec Default { get; } = new(DefaultSpend, 1.4, 1.5, TeamSpec.Default, (3.5, 4.0), (5.5, 6.0));
}

/// <summary>Engineers needed: a fixed count, or one per <paramref name="NodesPerEngineer"/> nodes with at least <paramref name="MinEngineers"/>.</summary>
public sealed record TeamSpec(int? Engineers, double? NodesPerEngineer, int MinEngineers, double SalaryLow, double SalaryHigh, bool HasGpuExpertise)
{
    public static TeamSpec Default { get; } = new(null, 16, 1, 300e3, 500e3, false);

    public int EngineersFor(double nodes) =>
        Engineers ?? Math.Max(MinEngineers, (int)Math.Ceiling(nodes / (NodesPerEngineer ?? double.PositiveInfinity)));
}
