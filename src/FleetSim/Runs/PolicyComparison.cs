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
    /// <summary>Every demanded token at the API's price.</summary>
    public Usd AllApi => Prices.Api.Cost(Demand.Total);

    /// <summary>The most any fleet can save at these prices (<see cref="Bill.CeilingFraction"/>).</summary>
    public double SavingsCeiling => Bill.CeilingFraction(Prices);

    /// <param name="expectedMonth">True: run on the traffic's average month, without its noise (a report's own figures); false: the month drawn from the seed.</param>
    public static PolicyComparison Of(ScenarioSpec scenario, IEnumerable<string>? policies = null, bool expectedMonth = false)
    {
        DemandSeries expected = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        DemandSeries demand = expectedMonth ? expected : DemandBuilder.Realize(expected, scenario.Traffic.Noise, scenario.Seed);
        var economics = new FleetEconomics(scenario);
        ScenarioPrices prices = economics.Prices;
        var runs = new List<PolicyResult>();
        foreach (string name in policies ?? scenario.Scaling.Policies)
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
            foreach (PolicyResult r in Runs.Where(r => r.Policy == "reactive"))
            {
                foreach (string w in ReactiveMetricWarnings.For(Scenario, r.Run))
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
