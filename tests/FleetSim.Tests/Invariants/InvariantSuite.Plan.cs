using FleetSim.Runs;
using FleetSim.Runs.Plan;
using FleetSim.Scenario;
using FleetSim.Tests.Plan;

namespace FleetSim.Tests.Invariants;

public partial class InvariantSuite
{
    private const int PlanScenarios = 30;

    /// <summary>
    /// fleetsim plan on generated scenarios, each with a generated catalogue around the scenario's own
    /// replica (on-demand, reserved and spot prices drawn from the seed): every candidate's bill keeps its
    /// identities, the plan is never dearer than compare's best deployable policy on the scenario's own fleet
    /// (the scenario's fleet is among the candidates), the verified months' percentiles are ordered, a
    /// reserved base never passes scaling.max_nodes, and the plan is never an estimated replica unless
    /// estimates are trusted.
    /// </summary>
    [Test]
    public void PlansAreNeverDearerThanCompareAndKeepTheirIdentities()
    {
        InvariantChecks checks = Start("plan");
        Property(checks, () =>
        {
            for (int i = 0; i < PlanScenarios; i++)
            {
                GeneratedScenario g = ScenarioGenerator.Draw(BaseSeed, ScenarioUse.Compare, i);
                checks.Generated++;
                checks.Context = g.Describe();
                if (Load(checks, [.. g.Overrides(), "plan.runs=2", "plan.top=2", "plan.reactive_targets=[0.8]"]) is not { } s)
                {
                    continue;
                }
                Guard(checks, ZeroDemand(checks, s), "plan", () =>
                {
                    var random = new Random(BaseSeed * 7919 + i);
                    double price = s.Replica.GpuPrice.Value * (0.5 + random.NextDouble());
                    NodeCatalogue catalogue = PlanCatalogues.Scenarios(s, price, price * 0.6, price * 0.4, price * 0.35, random.NextDouble() * 0.05,
                                                                        estimated: random.Next(2) == 0);
                    PlanResult plan;
                    try
                    {
                        plan = PlanSearch.Run(s, catalogue);
                    }
                    catch (ScenarioException e) when (e.KeyPath == "slo")
                    {
                        checks.True(s.Slo is not null, "plan: refuses for the slo only when there is one");
                        return; // no verified plan is shown to meet the SLO: a refusal, not a wrong plan
                    }
                    PolicyComparison compare = PolicyComparison.Of(s);
                    foreach (PlanEstimate e in plan.Estimates)
                    {
                        checks.Bill(e.Bill, $"plan/{e.Candidate.Policy}");
                        checks.True(e.Candidate.ReservedNodes <= (s.Scaling.MaxNodes ?? int.MaxValue), "plan: a reserved base ≤ scaling.max_nodes");
                    }
                    if (compare.BestDeployable is { } best)
                    {
                        checks.AtMost(plan.Estimates.Where(e => PlanSearch.Deployable(e.Candidate, s.Plan)).Min(e => e.TotalUsd), best.Total.Value,
                                      1e-9 * best.Total.Value + 1e-6, "plan: the cheapest deployable candidate ≤ compare's best deployable");
                        checks.Close(plan.ComparesBest.Estimate.TotalUsd, best.Total.Value, 1e-9, 1, "plan: compare's best is compare's");
                    }
                    checks.AtMost(plan.Best.RankingUsd, plan.ComparesBest.RankingUsd, 1e-9 * plan.ComparesBest.RankingUsd + 1e-6,
                                  "plan: the plan's ranking total ≤ compare's best's on the same months");
                    foreach (PlanVerification v in plan.Verified)
                    {
                        checks.True(v.P5Usd <= v.P50Usd + 1e-9 && v.P50Usd <= v.P95Usd + 1e-9, "plan: P5 ≤ P50 ≤ P95");
                        checks.True(v.TotalsUsd.Count == s.Plan.Runs, "plan: one total per verified month");
                    }
                    checks.True(PlanSearch.Deployable(plan.Best.Candidate, s.Plan), "plan: the plan is never an untrusted estimate");
                });
            }
        });
    }
}
