namespace FleetSim.Scenario;

/// <summary>
/// What <c>fleetsim plan</c> searches (the scenario's <c>plan:</c> section): which catalogue and model,
/// which policies and pools, and how many of the best it verifies.
/// </summary>
/// <param name="CataloguePath">The node catalogue (resolved against the scenario's folder); null: the built-in public catalogue.</param>
/// <param name="Model">The model whose replicas the catalogue lists; null: the catalogue's only model.</param>
/// <param name="Policies">The deployable policies tried on every node type (default breakeven, schedule, reactive, predictive).</param>
/// <param name="ReactiveTargets">The reactive policy's target utilizations tried (default 0.6, 0.7, 0.8, 0.9).</param>
/// <param name="Pools">How nodes may be bought (default every way the catalogue sells them).</param>
/// <param name="Top">How many of the cheapest estimates are verified by Monte Carlo (default 3).</param>
/// <param name="Runs">Months each verified plan runs (seeds seed … seed + runs − 1; default 5).</param>
/// <param name="TrustEstimates">
/// False (default): a replica whose catalogue figure is estimated is priced and shown, the cheapest as
/// worth benchmarking, but is never the plan to deploy. True: estimates compete as if measured.
/// </param>
public sealed record PlanSpec(
    string? CataloguePath,
    string? Model,
    IReadOnlyList<string> Policies,
    IReadOnlyList<double> ReactiveTargets,
    IReadOnlyList<PoolMix> Pools,
    int Top,
    int Runs,
    bool TrustEstimates = false)
{
    /// <summary>Largest number of plans verified, and of months each: the verification is Monte Carlo of whole fleet-months.</summary>
    public const int MaxTop = 50, MaxRuns = 1_000;

    /// <summary>The deployable policies a plan tries unless told otherwise: every one with a deployable config.</summary>
    public static IReadOnlyList<string> DefaultPolicies { get; } = ["breakeven", "schedule", "reactive", "predictive"];

    /// <summary>Everything at its default: the built-in catalogue, its only model, every policy and pool.</summary>
    public static PlanSpec Default { get; } = new(null, null, DefaultPolicies, [0.6, 0.7, 0.8, 0.9], Enum.GetValues<PoolMix>(), 3, 5);
}

/// <summary>How a plan's nodes are bought: the base fleet (what the policy keeps at its lowest) and the bursts above it.</summary>
public enum PoolMix
{
    /// <summary>Every node on demand.</summary>
    OnDemand,

    /// <summary>Base on demand, bursts on spot (preempted at the node type's rate).</summary>
    SpotBursts,

    /// <summary>Every node on spot, base fleet included.</summary>
    SpotBase,

    /// <summary>A base of nodes reserved for one year (paid every hour), bursts on demand.</summary>
    Reserved1Year,

    /// <summary>A base of nodes reserved for three years (the month's share of the commitment), bursts on demand.</summary>
    Reserved3Year,

    /// <summary>A base reserved for one year, bursts on spot.</summary>
    Reserved1YearSpotBursts,

    /// <summary>A base reserved for three years, bursts on spot.</summary>
    Reserved3YearSpotBursts,
}

/// <summary>The YAML and display names of <see cref="PoolMix"/>.</summary>
public static class PoolMixes
{
    private static readonly (PoolMix Mix, string Name)[] Names =
    [
        (PoolMix.OnDemand, "on_demand"),
        (PoolMix.SpotBursts, "spot_bursts"),
        (PoolMix.SpotBase, "spot"),
        (PoolMix.Reserved1Year, "reserved_1y"),
        (PoolMix.Reserved3Year, "reserved_3y"),
        (PoolMix.Reserved1YearSpotBursts, "reserved_1y_spot_bursts"),
        (PoolMix.Reserved3YearSpotBursts, "reserved_3y_spot_bursts"),
    ];

    /// <summary>Every name, in the enum's order.</summary>
    public static IEnumerable<string> All => Names.Select(n => n.Name);

    /// <summary>The YAML name, e.g. <c>reserved_1y</c>.</summary>
    public static string Name(PoolMix mix) => Names.First(n => n.Mix == mix).Name;

    /// <summary>The mix named <paramref name="name"/>, or null.</summary>
    public static PoolMix? Parse(string name) => Names.FirstOrDefault(n => n.Name == name) is { Name: not null } found ? found.Mix : null;

    /// <summary>What the mix rents, in words.</summary>
    public static string Describe(PoolMix mix) => mix switch
    {
        PoolMix.OnDemand => "all on demand",
        PoolMix.SpotBursts => "base on demand, bursts on spot",
        PoolMix.SpotBase => "all on spot",
        PoolMix.Reserved1Year => "base reserved 1 year, bursts on demand",
        PoolMix.Reserved3Year => "base reserved 3 years, bursts on demand",
        PoolMix.Reserved1YearSpotBursts => "base reserved 1 year, bursts on spot",
        PoolMix.Reserved3YearSpotBursts => "base reserved 3 years, bursts on spot",
        _ => throw new ArgumentOutOfRangeException(nameof(mix)),
    };

    /// <summary>True when the mix buys spot nodes.</summary>
    public static bool UsesSpot(PoolMix mix) => mix is PoolMix.SpotBursts or PoolMix.SpotBase or PoolMix.Reserved1YearSpotBursts or PoolMix.Reserved3YearSpotBursts;

    /// <summary>The reserved base's commitment in months (12 or 36), or null for a mix without one.</summary>
    public static int? ReservedTermMonths(PoolMix mix) => mix switch
    {
        PoolMix.Reserved1Year or PoolMix.Reserved1YearSpotBursts => 12,
        PoolMix.Reserved3Year or PoolMix.Reserved3YearSpotBursts => 36,
        _ => null,
    };

    /// <summary>The node type's reserved price for the mix's term, or null when the mix has no reserved base or the catalogue has no such price.</summary>
    public static Units.UsdPerGpuHour? ReservedPrice(PoolMix mix, NodePrices prices) => ReservedTermMonths(mix) switch
    {
        12 => prices.Reserved1Year,
        36 => prices.Reserved3Year,
        _ => null,
    };
}
