using System.Globalization;
using System.Text;
using FleetSim.Runs.Plan;
using FleetSim.Units;

namespace FleetSim.Reporting;

/// <summary>plan.md: the plan for a design doc: what to rent and why, the verified plans, how the search was made and its limits.</summary>
public static class PlanMarkdown
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="provenance">How the plan was made; written as the first lines when given.</param>
    /// <param name="deployFiles">The files written under deploy/, listed under the plan.</param>
    public static string Render(PlanResult p, Provenance? provenance, IReadOnlyList<string> deployFiles)
    {
        var sb = new StringBuilder();
        var s = p.Scenario;
        string period = p.Period;
        PlanVerification best = p.Best;
        sb.AppendLine(Inv, $"# Plan: {s.Name}, {p.Model}");
        sb.AppendLine();
        if (provenance is not null)
        {
            sb.AppendLine(Inv, $"_{provenance.Line()}_");
            sb.AppendLine();
        }
        sb.AppendLine(Inv, $"**{PlanRows.Headline(p)}** Its months: P5 {new Usd(best.P5Usd)}, P95 {new Usd(best.P95Usd)}; all on the API {new Usd(p.AllApiUsd)}; " +
                           $"compare's best ({p.ComparesBest.Candidate.Policy} on the scenario's own fleet) {new Usd(p.ComparesBest.MeanUsd)} on the same months. {PlanRows.Spread(p)}");
        sb.AppendLine();
        foreach (string why in best.Estimate.RentsNothing ? [] : p.WhyWins(best.Estimate))
        {
            sb.AppendLine(Inv, $"- {why}");
        }
        foreach (string w in s.Warnings.Concat(p.Warnings))
        {
            sb.AppendLine(Inv, $"- warning: {w}");
        }
        if (best.Outlook is { } outlook)
        {
            sb.AppendLine(Inv, $"- over {Quantity.Count(outlook.Months.Count, "month")}: {OutlookText.Line(outlook)} (compare's best: {OutlookText.Line(p.ComparesBest.Outlook!)})");
        }
        sb.AppendLine();
        sb.AppendLine("| # | node type | GPU | TP | pool | policy | mean | P5 | P95 | spill | SLO | basis |");
        sb.AppendLine("|---|---|---|---|---|---|---:|---:|---:|---:|---|---|");
        for (int i = 0; i < p.Verified.Count; i++)
        {
            PlanVerification v = p.Verified[i];
            PlanCandidate c = v.Candidate;
            sb.AppendLine(Inv, $"| {(PlanSearch.Deployable(c, s.Plan) ? (i + 1).ToString(Inv) : "?")} | {PlanRows.Node(c)} | {PlanRows.Gpu(c)} | {c.TensorParallel(s)} | {PlanRows.Pool(c)} | " +
                               $"{c.PolicyLabel} | {new Usd(v.MeanUsd)} | {new Usd(v.P5Usd)} | {new Usd(v.P95Usd)} | {Percent.Format(v.Estimate.SpillShare)} | {PlanTable.Slo(v)} | {PlanRows.Basis(c)} |");
        }
        sb.AppendLine();
        if (deployFiles.Count > 0)
        {
            string files = string.Join(", ", deployFiles.Select(f => $"`{f}`"));
            sb.AppendLine(Inv, $"Deployable config for the plan: {files} (FleetSim's docs/deploy.md explains each; the LiteLLM config lists the plan's most replicas and the API behind them).");
            sb.AppendLine();
        }
        sb.AppendLine("## How it was searched");
        sb.AppendLine();
        sb.AppendLine(Inv, $"{Quantity.Count(p.Estimates.Count, "candidate")} from catalogue `{p.Catalogue.Name}` ({p.Catalogue.Path}): every node type whose GPU runs a replica of " +
                           $"{p.Model}, every instance size that holds the replica, every pool mix the catalogue prices ({string.Join(", ", s.Plan.Pools.Select(Scenario.PoolMixes.Name))}) " +
                           $"and every policy ({string.Join(", ", s.Plan.Policies)}; reactive at targets {string.Join(", ", s.Plan.ReactiveTargets.Select(t => t.ToString("0.##", Inv)))}), " +
                           $"each priced on the minute engine over the scenario's {period}, with the scenario's own fleet under compare's policies among them. " +
                           $"A reserved base is the node level the on-demand run holds for at least the reserved-to-on-demand price ratio of the {period}. " +
                           $"The cheapest {s.Plan.Top} and compare's best ran {Quantity.Count(s.Plan.Runs, period)} each by Monte Carlo (traffic noise, replica failures, spot preemptions by seed).");
        sb.AppendLine();
        sb.AppendLine("Limits: the request engine runs fixed fleets only, so with an slo a fixed fleet's latency is measured there over the scenario's month and a changing fleet's is checked at its worst case; " +
                      "a preempted spot node is replaced by the policy as any lost node is; estimated replicas are derived figures, not benchmarks.");
        if (p.Exclusions.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Left out:");
            sb.AppendLine();
            foreach (PlanExclusion e in p.Exclusions)
            {
                sb.AppendLine(Inv, $"- {e.What}: {e.Why}");
            }
        }
        return sb.ToString();
    }
}
