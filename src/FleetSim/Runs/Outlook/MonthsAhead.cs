using FleetSim.Engine;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Runs.Outlook;

/// <summary>One month of an outlook: its traffic and prices, and what the deployment bills.</summary>
/// <param name="Month">1-based month number.</param>
/// <param name="DemandTokens">Processed tokens demanded that month.</param>
/// <param name="AllApiUsd">Every token at that month's API prices.</param>
/// <param name="SelfHostUsd">Node leases (reserved nodes at their locked price).</param>
/// <param name="ApiUsd">Spilled and unserved tokens at that month's API prices.</param>
public sealed record OutlookMonth(int Month, double DemandTokens, double AllApiUsd, double SelfHostUsd, double ApiUsd)
{
    /// <summary>The month's bill: nodes plus API.</summary>
    public double TotalUsd => SelfHostUsd + ApiUsd;
}

/// <summary>
/// A deployment (a scenario and a policy) run month after month over the scenario's <see cref="OutlookSpec"/>:
/// the totals over the horizon, the month it pays back, and what a reserved commitment still owes after it.
/// </summary>
/// <param name="Policy">The policy run each month (it re-plans on each month's traffic, as an operator would retune).</param>
/// <param name="Months">Each month, in order.</param>
/// <param name="SetupUsd">The outlook's one-time setup cost, counted in month 1.</param>
/// <param name="ReservedTermMonths">The reserved commitment's term (12 or 36), or null without reserved nodes.</param>
/// <param name="CommittedAfterHorizonUsd">Reserved node-hours the running term still commits to after the last month, at the locked price.</param>
public sealed record MonthsAhead(string Policy, IReadOnlyList<OutlookMonth> Months, double SetupUsd, int? ReservedTermMonths, double CommittedAfterHorizonUsd)
{
    /// <summary>Every month's bill plus the setup cost.</summary>
    public double TotalUsd => Months.Sum(m => m.TotalUsd) + SetupUsd;

    /// <summary>Every month all on the API.</summary>
    public double AllApiTotalUsd => Months.Sum(m => m.AllApiUsd);

    /// <summary>
    /// The first month (1-based) by whose end the savings against all-API, summed from month 1, cover the
    /// setup cost: Σ (all-API − bill) − setup ≥ 0. Null when they never do within the horizon.
    /// </summary>
    public int? PaybackMonth
    {
        get
        {
            double cumulative = -SetupUsd;
            foreach (OutlookMonth m in Months)
            {
                cumulative += m.AllApiUsd - m.TotalUsd;
                if (cumulative >= 0)
                {
                    return m.Month;
                }
            }
            return null;
        }
    }

    /// <summary>
    /// Runs <paramref name="policy"/> on <paramref name="scenario"/> for each month of its outlook: month m
    /// (0-based) has the traffic × (1 + g)^m, API prices × (1 + a)^m, on-demand and spot $/GPU-hour × (1 + d)^m,
    /// and reserved nodes at the price locked at the start of their term (the drifted price of its first
    /// month; a term renews at the then drifted price); each month is 730 h and draws from seed + m.
    /// </summary>
    /// <param name="reservedTermMonths">The reserved nodes' commitment term in months (12 or 36); ignored without reserved nodes.</param>
    public static MonthsAhead Of(ScenarioSpec scenario, string policy, int reservedTermMonths = 12)
    {
        OutlookSpec outlook = scenario.Outlook;
        var months = new OutlookMonth[outlook.Months];
        bool reserved = scenario.Pricing.ReservedNodes > 0;
        for (int m = 0; m < outlook.Months; m++)
        {
            ScenarioSpec month = MonthOf(scenario, m, reservedTermMonths);
            DemandSeries expected = DemandBuilder.Build(month.Traffic, month.Horizon);
            DemandSeries actual = DemandBuilder.Realize(expected, month.Traffic.Noise, month.Seed);
            var economics = new FleetEconomics(month);
            PolicyRun run = PolicyEngine.Run(policy, month, expected, actual, economics, month.Seed);
            Economics.Bill bill = Economics.Bill.For(run, economics.Prices);
            months[m] = new OutlookMonth(m + 1, bill.Demand.Value, bill.AllApi.Value, bill.SelfHost.Value, (bill.Spill + bill.Unserved).Value);
        }
        double owed = 0;
        if (reserved)
        {
            int termStart = (outlook.Months - 1) / reservedTermMonths * reservedTermMonths;
            int monthsLeft = termStart + reservedTermMonths - outlook.Months;
            ScenarioSpec last = MonthOf(scenario, outlook.Months - 1, reservedTermMonths);
            double usdPerNodeHour = last.Pricing.ReservedUsdPerGpuHour!.Value * last.Replica.GpusPerNode;
            owed = monthsLeft * Hours.Month.Value * usdPerNodeHour * scenario.Pricing.ReservedNodes;
        }
        return new MonthsAhead(policy, months, outlook.SetupUsd, reserved ? reservedTermMonths : null, owed);
    }

    /// <summary>The scenario's month <paramref name="m"/> (0-based) of its outlook.</summary>
    public static ScenarioSpec MonthOf(ScenarioSpec scenario, int m, int reservedTermMonths = 12)
    {
        OutlookSpec o = scenario.Outlook;
        double traffic = Math.Pow(1 + o.TrafficGrowthPerMonth, m);
        double api = Math.Pow(1 + o.ApiPriceChangePerMonth, m);
        double gpu = Math.Pow(1 + o.GpuPriceChangePerMonth, m);
        int termStart = m / reservedTermMonths * reservedTermMonths;
        double locked = Math.Pow(1 + o.GpuPriceChangePerMonth, termStart);
        PricingSpec p = scenario.Pricing;
        return scenario with
        {
            Horizon = Hours.Month,
            Seed = unchecked(scenario.Seed + m),
            Traffic = scenario.Traffic.ScaledBy(traffic),
            Api = scenario.Api with { Price = scenario.Api.Price.ScaledBy(api) },
            Replica = scenario.Replica with { GpuPrice = new UsdPerGpuHour(scenario.Replica.GpuPrice.Value * gpu) },
            Pricing = p with
            {
                // A reserved price the scenario does not give is the on-demand price: lock that one.
                ReservedUsdPerGpuHour = (p.ReservedUsdPerGpuHour ?? scenario.Replica.GpuPrice.Value) * locked,
                Spot = p.Spot is { } spot ? spot with { UsdPerGpuHour = spot.UsdPerGpuHour * gpu } : null,
            },
        };
    }
}
