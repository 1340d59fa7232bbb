using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Pricing;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Runs;

/// <summary>One column's result at one spend level: savings, or "below one node".</summary>
/// <param name="MonthlySavings">Null when not even one whole node beats the API.</param>
public sealed record TierCell(double? MonthlySavings, double? SavingsFraction, string Policy, double MeanNodes)
{
    public bool BelowOneNode => MonthlySavings is null;

    public static TierCell Of(double savings, double fraction, string policy, double nodes) =>
        savings > 0 && nodes > 0 ? new TierCell(savings, fraction, policy, nodes) : new TierCell(null, null, policy, nodes);
}

/// <summary>Self-hosting at one monthly API spend: the three columns, headcount, the rent-or-managed choice and the verdict.</summary>
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
    string Why);

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
        string[] policies = [.. scenario.Scaling.Policies.Where(p => p != "oracle")];
        if (policies.Length == 0)
        {
            policies = ["floor"];
        }
        var rows = new List<TierRow>();
        foreach (double spend in spendLevels ?? t.SpendLevels)
        {
            ScenarioSpec scaled = ScaleTo(scenario, spend);
            TierCell floor = Floor(scaled);
            (TierCell best, PolicyResult? bestRun) = Best(scaled, policies);
            ScenarioSpec aggressive = scaled with
            {
                Replica = scaled.Replica with
                {
                    Throughput = scaled.Replica.Throughput * t.ThroughputFactor,
                    MaxInFlight = Math.Max(1, (int)Math.Round(scaled.Replica.MaxInFlight * t.InFlightFactor)),
                },
            };
            TierCell aggressiveCell = Best(aggressive, policies).Cell;

            double annual = (best.MonthlySavings ?? 0) * 12;
            int engineers = best.BelowOneNode ? 0 : t.Team.EngineersFor(best.MeanNodes);
            double netLow = annual - engineers * t.Team.SalaryHigh;
            double netHigh = annual - engineers * t.Team.SalaryLow;

            string policy = bestRun?.Policy ?? "floor";
            double AnnualAt(double usdPerGpuHour) => Math.Max(0, SavingsAt(scaled, policy, usdPerGpuHour) * 12);
            double managedLow = AnnualAt(t.ManagedUsdPerGpuHour.High), managedHigh = AnnualAt(t.ManagedUsdPerGpuHour.Low);
            int bareEngineers = Math.Max(engineers, t.Team.EngineersFor(best.MeanNodes));
            double bareLow = AnnualAt(t.BareUsdPerGpuHour.High) - bareEngineers * t.Team.SalaryHigh;
            double bareHigh = AnnualAt(t.BareUsdPerGpuHour.Low) - bareEngineers * t.Team.SalaryLow;
            double managedMid = (managedLow + managedHigh) / 2, bareMid = (bareLow + bareHigh) / 2;
            string cheaper = Math.Max(managedMid, bareMid) <= 0 ? "API" : managedMid >= bareMid ? "managed" : "bare GPUs";

            var (verdict, why) = Verdict(annual, engineers, netLow, netHigh, t.Team);
            rows.Add(new TierRow(spend, floor, best, aggressiveCell, engineers, netLow, netHigh, managedLow, managedHigh, bareLow, bareHigh, cheaper, verdict, why));
        }
        return rows;
    }

    /// <summary>The scenario with its traffic scaled so that all-API costs <paramref name="monthlySpend"/>; the daily shape is kept.</summary>
    public static ScenarioSpec ScaleTo(ScenarioSpec scenario, double monthlySpend)
    {
        double tokens = monthlySpend / new ScenarioPrices(scenario).ApiPerMillion.Value * 1e6;
        double f = tokens / scenario.Traffic.MonthlyProcessedTokens;
        DailyShapeSpec shape = scenario.Traffic.DailyShape is PercentileShape p
            ? p with { Trough = p.Trough * f, P50 = p.P50 * f, P90 = p.P90 * f, P99 = p.P99 * f }
            : scenario.Traffic.DailyShape;
        return scenario with { Traffic = scenario.Traffic with { MonthlyProcessedTokens = tokens, DailyShape = shape }, Fleet = new FloorFleet() };
    }

    private static TierCell Floor(ScenarioSpec scaled)
    {
        ScenarioRun run = ScenarioRun.Of(scaled, EngineChoice.Minute);
        return TierCell.Of(run.Bill.Savings.Value, run.Bill.SavingsFraction, "floor", run.Fleet.Nodes);
    }

    private static (TierCell Cell, PolicyResult? Run) Best(ScenarioSpec scaled, string[] policies)
    {
        PolicyResult best = PolicyComparison.Of(scaled, policies).BestDeployable!;
        double nodes = best.NodeHours / (best.Demand.Minutes / 60.0);
        TierCell cell = TierCell.Of(best.Savings.Value, best.SavingsFraction, best.Policy, nodes);
        return (cell, best);
    }

    private static double SavingsAt(ScenarioSpec scaled, string policy, double usdPerGpuHour)
    {
        ScenarioSpec priced = scaled with { Replica = scaled.Replica with { GpuPrice = new UsdPerGpuHour(usdPerGpuHour) } };
        return PolicyComparison.Of(priced, [policy]).Runs[0].Savings.Value;
    }

    /// <summary>The hiring rule, computed: what is left of a year's savings after the engineers who earn them.</summary>
    private static (string Verdict, string Why) Verdict(double annual, int engineers, double netLow, double netHigh, TeamSpec team)
    {
        string money = $"{new Usd(annual).ToShortString()}/yr saved vs {engineers} engineer{(engineers == 1 ? "" : "s")} at " +
                       $"{new Usd(team.SalaryLow).ToShortString()}–{new Usd(team.SalaryHigh).ToShortString()}";
        if (annual <= 0 || netHigh <= 0)
        {
            return ("stay on the API", $"{money}: the savings cannot pay the headcount");
        }
        if (netLow <= 0)
        {
            return team.HasGpuExpertise
                ? ("self-host with the GPU expertise you have", $"{money}: pays only at the low end of the salary range")
                : ("only with existing GPU expertise", $"{money}: pays only at the low end of the salary range");
        }
        if (annual < 4 * engineers * team.SalaryHigh)
        {
            return ("hire and self-host", $"{money}: {new Usd(netLow).ToShortString()}–{new Usd(netHigh).ToShortString()}/yr left after salaries");
        }
        return ("self-host and grow the team", $"{money}: savings are over 4× the team's cost, so more engineers can chase the next points");
    }
}
