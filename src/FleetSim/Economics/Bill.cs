using FleetSim.Engine;
using FleetSim.Fleet;
using FleetSim.Pricing;
using FleetSim.Units;

namespace FleetSim.Economics;

/// <summary>
/// The horizon's bill, computed once from physical results: where the tokens went
/// (<see cref="FleetOutcome"/>), what the nodes cost, and the scenario's prices. Every demanded token
/// is priced somewhere: served by the fleet (its share of the node bill), spilled (at the API), or
/// dropped (served by nobody, priced at the API as if it had gone there: a request no one served is
/// not a saving).
/// </summary>
/// <param name="Outcome">Tokens by where they went.</param>
/// <param name="SelfHost">What the nodes cost over the horizon.</param>
/// <param name="Prices">The scenario's API tariff, node prices and full-use rates.</param>
public sealed record Bill(FleetOutcome Outcome, Usd SelfHost, ScenarioPrices Prices)
{
    public Tokens Demand => Outcome.Demand;

    public Tokens SelfHosted => Outcome.SelfHosted;

    public Tokens Spilled => Outcome.Spilled;

    public Tokens Dropped => Outcome.Dropped;

    /// <summary>$/M processed tokens at the API for the traffic's mix.</summary>
    public UsdPerMillionTokens ApiPrice => Prices.ApiPerMillion;

    /// <summary>
    /// Every token at the API's price; with traffic classes, a deferrable class's tokens at its batch tier's price
    /// (what the traffic costs with no fleet: an empty fleet saves exactly 0).
    /// </summary>
    public Usd AllApi => Classes is null ? Prices.Api.Cost(Demand) : Sum(l => l.AllApi);

    /// <summary>The all-API bill by token type (fresh input, cached input, output); with classes each type × all-API ÷ its list-price bill (the batch discount is the same on every type).</summary>
    public ApiSpend AllApiByType => Classes is null ? Prices.Api.SpendFor(Demand) : Scaled(Prices.Api.SpendFor(Demand), Prices.Api.Cost(Demand));

    /// <summary>What the API charges for the tokens the fleet did not serve: with classes, the interactive spill at list and the batch tier's tokens at its discount.</summary>
    public Usd Spill => Classes is null ? Prices.Api.Cost(Spilled) : Sum(l => l.Spill + l.BatchApi);

    /// <summary>With traffic classes: each class's tokens and batch discount (null without classes).</summary>
    public ClassedOutcome? Classes { get; init; }

    /// <summary>Tokens sent to the batch tier (deferrable tokens past their deadline or held at the horizon's end); 0 without classes.</summary>
    public Tokens BatchApiTokens => new(Classes?.Tokens.Sum(c => c.BatchApi.Value) ?? 0);

    /// <summary>What the batch tier charges; 0 without classes.</summary>
    public Usd BatchApi => Classes is null ? new Usd(0) : Sum(l => l.BatchApi);

    /// <summary>
    /// The bill by class (empty without classes): each class's all-API baseline, its share of the node bill (by
    /// self-hosted tokens, by demand if the fleet served none), its spill at list, its batch tier and its unserved
    /// tokens. The lines add up to <see cref="AllApi"/>, <see cref="SelfHost"/>, <see cref="Spill"/> and <see cref="Total"/>.
    /// </summary>
    public IReadOnlyList<ClassBillLine> ByClass => Classes is { } c ? ClassLines(c) : [];

    private Usd Sum(Func<ClassBillLine, Usd> part) => new(ByClass.Sum(l => part(l).Value));

    private ApiSpend Scaled(ApiSpend s, Usd list)
    {
        double k = list.Value > 0 ? AllApi / list : 1;
        return new ApiSpend(s.FreshInput * k, s.CachedInput * k, s.Output * k);
    }

    private List<ClassBillLine> ClassLines(ClassedOutcome c)
    {
        double served = c.Tokens.Sum(t => t.SelfHosted.Value), demand = c.Tokens.Sum(t => t.Demand.Value);
        var lines = new List<ClassBillLine>(c.Tokens.Count);
        for (int i = 0; i < c.Tokens.Count; i++)
        {
            var t = c.Tokens[i];
            double d = c.Discounts[i];
            double nodeShare = served > 0 ? t.SelfHosted.Value / served : demand > 0 ? t.Demand.Value / demand : 1.0 / c.Tokens.Count;
            Usd allApi = t.Deferrable ? Pricing.BatchTier.Cost(Prices.Api, t.Demand, d) : Prices.Api.Cost(t.Demand);
            lines.Add(new ClassBillLine(t, d, allApi, SelfHost * nodeShare, Prices.Api.Cost(t.Spilled),
                                        Pricing.BatchTier.Cost(Prices.Api, t.BatchApi, d), Prices.Api.Cost(t.Dropped)));
        }
        return lines;
    }

    /// <summary>Tokens nobody served, priced at the API: the cost of serving them, counted so they are never a saving.</summary>
    public Usd Unserved => Prices.Api.Cost(Dropped);

    /// <summary>Self-host + spillover + unserved.</summary>
    public Usd Total => SelfHost + Spill + Unserved;

    public Usd Savings => AllApi - Total;

    /// <summary>Savings ÷ all-API; 0 when there is no demand.</summary>
    public double SavingsFraction => SavingsShare ?? 0;

    /// <summary>
    /// Savings ÷ all-API, or null when there is no API bill to save on: no demand, or so little that all-API
    /// comes to under half a cent (a share of nothing, which would print as −10¹³ %). What tables print as n/a and JSON as null.
    /// </summary>
    public double? SavingsShare => AllApi.Value >= 0.005 ? Savings / AllApi : null;

    public double SpillShare => Outcome.SpillShare;

    public double DropShare => Outcome.DropShare;

    public double Utilization => Outcome.Utilization;

    public double TroughUtilization => Outcome.TroughUtilization;

    /// <summary>
    /// $/M of this fleet kept busy all the time: its node bill over what its serving replicas could
    /// have processed (so reserved, spot and billing rounding are in it, and effective $/M =
    /// this ÷ utilization). The base fleet's list rate when no replica served.
    /// </summary>
    public UsdPerMillionTokens SelfHostPriceAtFullUse => Outcome.Capacity.Value > 0
        ? new UsdPerMillionTokens(SelfHost.Value / Outcome.Capacity.Millions)
        : Prices.SelfHostAtFullUse;

    /// <summary>
    /// The busy share above which this fleet is cheaper than the API for the same tokens:
    /// its $/M at full use ÷ API $/M. Above 1 it cannot pay for itself.
    /// </summary>
    public double BreakEvenUtilization => SelfHostPriceAtFullUse.Value / ApiPrice.Value;

    /// <summary>The most any fleet could save at these prices (<see cref="CeilingFraction"/>).</summary>
    public double SavingsCeilingFraction => Classes is null ? CeilingFraction(Prices) : ClassCeilingFraction;

    /// <summary>
    /// The ceiling with traffic classes: each class's tokens can save at most their API price p_c (a deferrable
    /// class's at its batch tier, p × (1 − discount)) less the cheapest full-use self-host rate s, and nothing where
    /// the API is the cheaper: Σ share_c · max(0, p_c − s) ÷ Σ share_c · p_c. A batch tier below the self-host rate
    /// makes that class's ceiling 0, so the blended ceiling is below the one-price form. Prices and shares only,
    /// as the one-price form: the same for any month of the same traffic, empty or not.
    /// </summary>
    private double ClassCeilingFraction
    {
        get
        {
            ClassedOutcome c = Classes!;
            double p = Prices.ApiPerMillion.Value, s = Prices.CheapestSelfHostAtFullUse.Value;
            double all = 0, ceiling = 0;
            for (int i = 0; i < c.Shares.Count; i++)
            {
                double price = p * (1 - c.Discounts[i]);
                all += c.Shares[i] * price;
                ceiling += c.Shares[i] * Math.Max(0, price - s);
            }
            return all > 0 ? ceiling / all : 0;
        }
    }

    /// <summary>
    /// The savings ceiling: max(0, 1 − cheapest self-host $/M at full use ÷ API $/M), every token
    /// served by replicas busy all the time on the cheapest node the scenario offers. Never below 0:
    /// an empty fleet is always possible and saves exactly 0. No bill can pass it, since a fleet that
    /// serves S tokens pays at least S × the cheapest full-use rate, so savings = S × API $/M − node
    /// cost ≤ S × (API $/M − cheapest rate) ≤ demand × that.
    /// </summary>
    public static double CeilingFraction(ScenarioPrices prices) =>
        Math.Max(0, 1 - prices.CheapestSelfHostAtFullUse.Value / prices.ApiPerMillion.Value);

    /// <summary>A fixed fleet's or a policy's bill: its leases priced by the scenario's node billing.</summary>
    public static Bill For(FleetOutcome outcome, IEnumerable<NodeLease> leases, double horizonMinutes, ScenarioPrices prices) =>
        new(outcome, NodeCost(leases, horizonMinutes, prices), prices);

    /// <summary>
    /// A policy run's bill. A bound (the oracle) prices its node-minutes at the cheapest rate with no
    /// rounding (<see cref="NodeBilling.LowerBound"/>); any other run its leases.
    /// </summary>
    /// <remarks>With traffic classes the bill carries the run's <see cref="ClassedOutcome"/>, built as <c>fleetsim run</c> builds it.</remarks>
    public static Bill For(PolicyRun run, ScenarioPrices prices)
    {
        Bill bill = run.BoundNodeMinutes is { } nodeMinutes
            ? new Bill(run.Outcome, new Usd(prices.Nodes.LowerBound(nodeMinutes)), prices)
            : For(run.Outcome, run.Leases, run.Demand.Minutes, prices);
        return run.Classes is { } classes
            ? bill with { Classes = new ClassedOutcome(classes.Classes, [.. run.ClassPrices.Select(c => c.BatchDiscount)]) { Shares = [.. run.ClassPrices.Select(c => c.Share)] } }
            : bill;
    }

    /// <summary>What <paramref name="leases"/> cost under the scenario's billing (a lease still open runs to the horizon's end).</summary>
    public static Usd NodeCost(IEnumerable<NodeLease> leases, double horizonMinutes, ScenarioPrices prices)
    {
        double usd = 0;
        foreach (NodeLease lease in leases)
        {
            usd += prices.Nodes.Cost(lease.Kind, lease.Minutes(horizonMinutes), horizonMinutes, open: lease.Ended is null, preempted: lease.Preempted);
        }
        return new Usd(usd);
    }
}
