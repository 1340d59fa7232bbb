using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Pricing;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Runs;

/// <summary>One column's result at one spend level: what its fleet saved (negative: lost), or no fleet at all.</summary>
/// <param name="MonthlySavings">Against all-API at the scenario's $/GPU-hour, negative when the fleet loses; null when it runs no node.</param>
/// <param name="SavingsFraction">The same as a share of the all-API bill; null when the fleet runs no node.</param>
/// <param name="Policy">The policy that sized the fleet.</param>
/// <param name="MeanNodes">Nodes rented, averaged over the horizon; below 1 when a node runs only part of the day.</param>
public sealed record TierCell(double? MonthlySavings, double? SavingsFraction, string Policy, double MeanNodes)
{
    /// <summary>The fleet never runs a node: by this column's rule the demand is below one node, so it saves exactly nothing.</summary>
    public bool BelowOneNode => MonthlySavings is null;

    /// <summary>A column's result; a fleet of no nodes has nothing to save or lose.</summary>
    public static TierCell Of(double savings, double fraction, string policy, double nodes) =>
        nodes > 0 ? new TierCell(savings, fraction, policy, nodes) : new TierCell(null, null, policy, nodes);
}

/// <summary>Self-hosting at one monthly API spend: the three columns, managed endpoints, bare GPUs with their team, and the verdict.</summary>
/// <param name="MonthlySpend">What all-API costs per month at this tier.</param>
/// <param name="Floor">Floor-sized fleet at the scenario's $/GPU-hour.</param>
/// <param name="Best">The best real autoscaling policy at the scenario's $/GPU-hour.</param>
/// <param name="Aggressive">The best policy with the aggressively tuned replica, at the scenario's $/GPU-hour.</param>
/// <param name="Engineers">The team bare GPUs need (managed endpoints and the API need none).</param>
/// <param name="NetAnnualLow">The verdict's option, net per year after any salaries, low end ($0 for the API).</param>
/// <param name="NetAnnualHigh">The verdict's option, net per year after any salaries, high end ($0 for the API).</param>
/// <param name="ManagedAnnualLow">The best policy at the top of the managed $/GPU-hour range, per year, no team.</param>
/// <param name="ManagedAnnualHigh">The best policy at the bottom of the managed $/GPU-hour range, per year, no team.</param>
/// <param name="BareNetAnnualLow">The best policy at the top of the bare $/GPU-hour range, per year, less the team at the top salary.</param>
/// <param name="BareNetAnnualHigh">The best policy at the bottom of the bare $/GPU-hour range, per year, less the team at the bottom salary.</param>
/// <param name="Cheaper">The verdict's option: "API", "managed" or "bare GPUs".</param>
/// <param name="Verdict">The verdict as the table prints it.</param>
/// <param name="Why">The numbers that decided it.</param>
public sealed record TierRow(
    double MonthlySpend,
    TierCell Floor,
    TierCell Best,
    TierCell Aggressive,
    int Engineers,
    double NetAnnualLow,
    double NetAnnualHigh,
    double ManagedAnnualLow,
    double ManagedAnnualHigh,
    double BareNetAnnualLow,
    double BareNetAnnualHigh,
    string Cheaper,
    string Verdict,
    string Why)
{
    /// <summary>
    /// With the scenario's outlook: the best policy at the scenario's own prices, month after month at this
    /// tier's traffic (growth and price drift applied), with its total and payback month; null without.
    /// </summary>
    public Outlook.MonthsAhead? Outlook { get; init; }
}

/// <summary>
/// `fleetsim tiers`: the scenario's traffic scaled (same shape) to each monthly API spend, simulated
/// floor-sized, with the best real autoscaling policy, and with the aggressive replica; then the
/// engineers it takes, what is left after their salaries, renting bare GPUs against a managed
/// provider, and the verdict.
/// </summary>
public static class TierAnalysis
{
    public static IReadOnlyList<TierRow> Run(ScenarioSpec scenario, IReadOnlyList<double>? spendLevels = null)
    {
        TiersSpec t = scenario.Tiers;
        string[] policies = [.. scenario.Scaling.Policies.Where(p => p != OracleBound.Name)];
        if (policies.Length == 0)
        {
            policies = ["floor"];
        }
        var rows = new List<TierRow>();
        foreach (double spend in spendLevels ?? t.SpendLevels)
        {
            ScenarioSpec scaled = ScaleTo(scenario, spend);
            // One comparison gives both the floor column (the floor policy, so failures and preemptions
            // hit it as they hit the rest) and the best of the scenario's policies.
            PolicyComparison compared = PolicyComparison.Of(scaled, policies.Contains("floor") ? policies : [.. policies, "floor"]);
            TierCell floor = Cell(compared["floor"]);
            TierCell best = Best(compared, policies);
            ScenarioSpec aggressive = scaled with
            {
                Replica = scaled.Replica.Rescaled(t.ThroughputFactor, Math.Max(1, (int)Math.Round(scaled.Replica.MaxInFlight * t.InFlightFactor))),
            };
            TierCell aggressiveCell = Best(PolicyComparison.Of(aggressive, policies), policies);

            int engineers = t.Team.EngineersFor(best.MeanNodes);
            double AnnualAt(double usdPerGpuHour) => Math.Max(0, SavingsAt(scaled, policies, usdPerGpuHour) * 12);
            double managedLow = AnnualAt(t.ManagedUsdPerGpuHour.High), managedHigh = AnnualAt(t.ManagedUsdPerGpuHour.Low);
            double bareLow = AnnualAt(t.BareUsdPerGpuHour.High) - engineers * t.Team.SalaryHigh;
            double bareHigh = AnnualAt(t.BareUsdPerGpuHour.Low) - engineers * t.Team.SalaryLow;

            TierVerdict v = TierVerdict.Of(new TierAlternatives(spend, managedLow, managedHigh, engineers, bareLow, bareHigh), t.Team);
            rows.Add(new TierRow(spend, floor, best, aggressiveCell, engineers, v.NetAnnualLow, v.NetAnnualHigh, managedLow, managedHigh, bareLow, bareHigh, v.OptionName, v.Label, v.Why)
            {
                Outlook = scenario.Outlook.Runs ? Outlook.MonthsAhead.Of(scaled, best.Policy) : null,
            });
        }
        return rows;
    }

    /// <summary>
    /// The scenario with its traffic scaled so that all-API costs <paramref name="monthlySpend"/> a
    /// month, over a 730-hour month whatever the scenario's horizon (tiers are monthly figures, and a
    /// year is 12 of them); the daily shape is kept. With traffic classes the all-API bill prices each
    /// deferrable class at its batch tier (<see cref="Bill.AllApi"/>), so the tokens are the list-price
    /// tokens ÷ Σ share × (1 − discount).
    /// </summary>
    public static ScenarioSpec ScaleTo(ScenarioSpec scenario, double monthlySpend)
    {
        double blended = scenario.Traffic.Classes is { } classes
            ? classes.Classes.Zip(BatchTier.Discounts(classes, scenario.Api.Price), (c, d) => c.Share * (1 - d)).Sum()
            : 1;
        double tokens = new ScenarioPrices(scenario).Api.TokensCosting(new Usd(monthlySpend)).Value / (blended > 0 ? blended : 1);
        return scenario with
        {
            Horizon = Hours.Month,
            Traffic = scenario.Traffic.ScaledBy(tokens / scenario.Traffic.MonthlyProcessedTokens) with { MonthlyProcessedTokens = tokens },
            Fleet = new FloorFleet(),
        };
    }

    /// <summary>The best of <paramref name="policies"/> in the comparison (which may hold others too).</summary>
    private static TierCell Best(PolicyComparison compared, string[] policies) =>
        Cell(compared.Runs.Where(r => policies.Contains(r.Policy)).MaxBy(r => r.SavingsFraction)!);

    private static TierCell Cell(PolicyResult run) =>
        TierCell.Of(run.Savings.Value, run.SavingsFraction, run.Policy, run.NodeHours / (run.Demand.Minutes / 60.0));

    /// <summary>
    /// A month's savings of the best of <paramref name="policies"/> with every node rented at
    /// <paramref name="usdPerGpuHour"/> (a managed provider's or a bare-GPU price), chosen at that price:
    /// the scenario's reserved and spot prices do not apply to someone else's rental; its billing unit does.
    /// </summary>
    private static double SavingsAt(ScenarioSpec scaled, string[] policies, double usdPerGpuHour)
    {
        ScenarioSpec priced = scaled with
        {
            Replica = scaled.Replica with { GpuPrice = new UsdPerGpuHour(usdPerGpuHour) },
            Pricing = scaled.Pricing with { ReservedNodes = 0, ReservedUsdPerGpuHour = null, Spot = null, SpotBaseFleet = false },
        };
        return PolicyComparison.Of(priced, policies).BestDeployable!.Savings.Value;
    }
}
