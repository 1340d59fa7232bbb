using FleetSim.Engine;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Runs.Plan;

/// <summary>
/// A plan run over several months by Monte Carlo: each month draws the traffic's noise, replica
/// failures and spot preemptions from its own seed (seed, seed + 1, …), as <c>fleetsim sweep</c> does,
/// and the fleet changes at instants as in compare. The totals' spread is the plan's risk.
/// </summary>
/// <param name="Estimate">The candidate and its estimate on the scenario's own month.</param>
/// <param name="TotalsUsd">Each month's total, in seed order.</param>
/// <param name="Slo">SLO attainment measured on the request engine (static fleets) or checked at worst case; empty without an SLO.</param>
public sealed record PlanVerification(PlanEstimate Estimate, IReadOnlyList<double> TotalsUsd, IReadOnlyList<SloResult> Slo)
{
    /// <summary>With the scenario's outlook: the plan month after month (traffic growth, price drift, commitments); null without.</summary>
    public Outlook.MonthsAhead? Outlook { get; init; }

    /// <summary>
    /// What plans are ranked by: the total over the outlook's months when there is one (reserved nodes at their
    /// effective hourly rate, as the month's estimate has them; what a term still owes after the horizon is shown,
    /// not added, since it also buys those months' service), else the mean month.
    /// </summary>
    public double RankingUsd => Outlook?.TotalUsd ?? MeanUsd;

    public PlanCandidate Candidate => Estimate.Candidate;

    /// <summary>Mean total over the months.</summary>
    public double MeanUsd => TotalsUsd.Average();

    /// <summary>The 5th, 50th and 95th percentiles of the monthly total (linear between order statistics).</summary>
    public double P5Usd => Percentile.Of([.. TotalsUsd], 0.05);

    public double P50Usd => Percentile.Of([.. TotalsUsd], 0.50);

    public double P95Usd => Percentile.Of([.. TotalsUsd], 0.95);

    /// <summary>True when every objective is met (or there is none); false when one is missed; null when one could not be checked.</summary>
    public bool? MeetsSlo => Slo.Count == 0 ? true : Slo.Any(s => s.Met == false) ? false : Slo.All(s => s.Met == true) ? true : null;

    /// <summary>Runs <paramref name="estimate"/>'s candidate for <paramref name="runs"/> months from <paramref name="scenario"/>'s seed.</summary>
    public static PlanVerification Of(ScenarioSpec scenario, PlanEstimate estimate, int runs)
    {
        ScenarioSpec spec = estimate.Candidate.ScenarioFor(scenario)!;
        DemandSeries expected = DemandBuilder.Build(spec.Traffic, spec.Horizon);
        var economics = new FleetEconomics(spec);
        var totals = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            int seed = unchecked(spec.Seed + i);
            DemandSeries month = DemandBuilder.Realize(expected, spec.Traffic.Noise, seed);
            PolicyRun run = PolicyEngine.Run(estimate.Candidate.Policy, spec, expected, month, economics, seed);
            totals[i] = Economics.Bill.For(run, economics.Prices).Total.Value;
        }
        return new PlanVerification(estimate, totals, SloOf(spec, estimate))
        {
            Outlook = spec.Outlook.Runs
                ? Runs.Outlook.MonthsAhead.Of(spec, estimate.Candidate.Policy, PoolMixes.ReservedTermMonths(estimate.Candidate.Pool) ?? 12)
                : null,
        };
    }

    /// <summary>
    /// The SLO checked: measured on the request engine over the scenario's month when the plan's fleet is
    /// fixed (floor, breakeven, static) and the router has a request form; otherwise at the replica's worst
    /// case (every slot busy), as compare does: the request engine does not run a changing fleet.
    /// With traffic classes the request engine measures the interactive classes alone (their share of the
    /// traffic, without classes): deferred work yields its slots to them, so their latency is their own
    /// traffic's; a deferrable class's objective is its deadline, met by construction (what would miss it
    /// goes to the batch tier). With no interactive class there is nothing to measure: the worst case.
    /// </summary>
    private static IReadOnlyList<SloResult> SloOf(ScenarioSpec spec, PlanEstimate estimate)
    {
        if (spec.Slo is null)
        {
            return [];
        }
        string policy = estimate.Candidate.Policy;
        bool fixedFleet = policy is "floor" or "breakeven" || policy.StartsWith("static", StringComparison.Ordinal);
        int replicas = estimate.PeakServing;
        if (!fixedFleet || replicas == 0 || Routing.Router.For(spec.Router).WhyNoRequestForm is not null)
        {
            return SloAttainment.Of(spec, null, fleetServes: replicas > 0);
        }
        ScenarioSpec served = spec;
        if (spec.Traffic.Classes is { } classes)
        {
            if (classes.InteractiveShare <= 0)
            {
                return SloAttainment.Of(spec, null, fleetServes: true);
            }
            served = spec with { Traffic = spec.Traffic.ScaledBy(classes.InteractiveShare) with { Classes = null } };
        }
        ScenarioRun measured = ScenarioRun.Of(served with { Fleet = new StaticFleet(replicas) }, EngineChoice.Request);
        return SloAttainment.Of(spec, measured.Requests);
    }
}
