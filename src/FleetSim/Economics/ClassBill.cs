using FleetSim.Engine.Deferral;
using FleetSim.Units;

namespace FleetSim.Economics;

/// <summary>
/// The physical result of a run with traffic classes and each class's batch-tier discount: what <see cref="Bill"/>
/// needs to price the classes.
/// </summary>
/// <param name="Tokens">Each class's tokens, in the scenario's order.</param>
/// <param name="Discounts">Each class's batch-tier discount (<see cref="Pricing.BatchTier.Discounts"/>), same order.</param>
public sealed record ClassedOutcome(IReadOnlyList<ClassTokens> Tokens, IReadOnlyList<double> Discounts)
{
    /// <summary>Each class's share of the processed tokens, in the same order (what the ceiling weighs prices by).</summary>
    public IReadOnlyList<double> Shares { get; init; } = [];
}

/// <summary>
/// One class's line of the bill, $ over the horizon. Its all-API baseline prices its interactive tokens at list
/// and its deferrable tokens at the batch tier (what the class would cost with no fleet). The node bill is shared
/// among the classes by their self-hosted tokens (every token the fleet serves costs the same), or by demand when
/// the fleet served nothing, so the class lines add up to the bill.
/// </summary>
public sealed record ClassBillLine(ClassTokens Tokens, double BatchDiscount, Usd AllApi, Usd SelfHost, Usd Spill, Usd BatchApi, Usd Unserved)
{
    /// <summary>Self-host share + spill + batch tier + unserved.</summary>
    public Usd Total => SelfHost + Spill + BatchApi + Unserved;

    /// <summary>All-API baseline − total.</summary>
    public Usd Savings => AllApi - Total;
}
