using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Pricing;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Runs;

/// <summary>
/// Several autoscaling policies on the same traffic, side by side, each with its bill, with the
/// ceiling none can pass and, when the oracle is among them, the bound no deployable policy beats.
/// </summary>
public sealed record PolicyComparison(ScenarioSpec Scenario, DemandSeries Demand, IReadOnlyList<PolicyResult> Runs, ScenarioPrices Prices)
{
    /// <summary>
    /// Every demanded token at the API's price; with traffic classes a deferrable class's tokens at its batch tier's
    /// (<see cref="Bill.AllApi"/>, the same for every policy).
    /// </summary>
    public Usd AllApi => Runs.Count > 0 ? Runs[0].Bill.AllApi : Prices.Api.Cost(Demand.Total);

    /// <summary>The most any fleet can save at these prices (<see cref="Bill.SavingsCeilingFraction"/>: with classes, each class at its own API price).</summary>
    public double SavingsCeiling => Runs.Count > 0 ? Runs[0].Bill.SavingsCeilingFraction : Bill.CeilingFraction(Prices);

    /// <summary>
    /// The policies compared when none are named: the scenario's <c>scaling.policies</c>, less the oracle when a traffic
    /// class is deferrable (it is no bound then: <see cref="PolicyEngine.OracleRefused"/>; <see cref="Warnings"/> says so).
    /// </summary>
    public static IReadOnlyList<string> DefaultPolicies(ScenarioSpec scenario) => PolicyEngine.RefusesOracle(scenario)
        ? [.. scenario.Scaling.Policies.Where(p => p != OracleBound.Name)]
        : scenario.Scaling.Policies;

    /// <summary>Said when <see cref="DefaultPolicies"/> left the oracle out.</summary>
    public const string OracleLeftOut =
        "traffic.classes: the oracle is left out of the policies: with a deferrable class it is no bound (a fleet kept for the deferred work " +
        "could cost less than the oracle computed on the interactive demand; docs/model.md, \"Traffic classes and deferral\")";

    /// <param name="expectedMonth">True: run on the traffic's average month, without its noise (a report's own figures); false: the month drawn from the seed.</param>
    public static PolicyComparison Of(ScenarioSpec scenario, IEnumerable<string>? policies = null, bool expectedMonth = false)
    {
        DemandSeries expected = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        DemandSeries demand = expectedMonth ? expected : DemandBuilder.Realize(expected, scenario.Traffic.Noise, scenario.Seed);
        var economics = new FleetEconomics(scenario);
        ScenarioPrices prices = economics.Prices;
        var runs = new List<PolicyResult>();
        foreach (string name in policies ?? DefaultPolicies(scenario))
        {
            PolicyRun run = PolicyEngine.Run(name, scenario, expected, demand, economics, scenario.Seed);
            runs.Add(new PolicyResult(run, Bill.For(run, prices)));
        }
        return new PolicyComparison(scenario, demand, runs, prices);
    }

    public PolicyResult this[string policy] => Runs.First(r => r.Policy == policy);

    /// <summary>The deployable policy that saves the most (the oracle excluded); null when only the oracle ran.</summary>
    public PolicyResult? BestDeployable => Runs.Where(r => !r.IsBound).MaxBy(r => r.SavingsFraction);

    /// <summary>What the loader, the traffic fit and the comparison noticed without refusing.</summary>
    public IEnumerable<string> Warnings
    {
        get
        {
            foreach (string w in Scenario.Warnings.Concat(Demand.Warnings))
            {
                yield return w;
            }
            if (Scenario.Api.RequestsPerMinute is not null || Scenario.Api.TokensPerMinute is not null || Scenario.Api.Outages.Count > 0)
            {
                yield return ScenarioRun.ApiLimitsOnTheMinuteEngine;
            }
            if (PolicyEngine.RefusesOracle(Scenario) && Scenario.Scaling.Policies.Contains(OracleBound.Name) && Bound is null)
            {
                yield return OracleLeftOut;
            }
            foreach (PolicyResult r in Runs.Where(r => r.Policy == "reactive"))
            {
                // With classes the reactive policy saw and scaled on the interactive demand alone.
                PolicyRun seen = r.Run.Classes is { } classed ? r.Run with { Demand = new DemandSeries(classed.InteractiveDemand) } : r.Run;
                foreach (string w in ReactiveMetricWarnings.For(Scenario, seen))
                {
                    yield return w;
                }
            }
            foreach (PolicyResult r in Runs.Where(r => r.Policy.StartsWith("static:", StringComparison.Ordinal)))
            {
                int asked = int.Parse(r.Policy["static:".Length..], System.Globalization.CultureInfo.InvariantCulture);
                if (Fleet.FleetSizing.Filled(r.Policy, asked, Scenario.Replica) is { } filled)
                {
                    yield return filled;
                }
            }
        }
    }

    /// <summary>The run a headline names: the best deployable policy, or the oracle when it ran alone.</summary>
    public PolicyResult Headline => BestDeployable ?? Runs[0];

    /// <summary>The oracle's bound, when it ran.</summary>
    public PolicyResult? Bound => Runs.FirstOrDefault(r => r.IsBound);
}
