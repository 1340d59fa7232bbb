using System.Globalization;
using System.Text;
using FleetSim.Runs;
using FleetSim.Runs.Plan;
using FleetSim.Units;

namespace FleetSim.Reporting;

/// <summary>A plan as a terminal table: the verified plans cheapest first, compare's own best beside them, and why the best wins.</summary>
public static class PlanTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(PlanResult p)
    {
        var sb = new StringBuilder();
        var s = p.Scenario;
        string period = p.Period;
        sb.AppendLine(Inv, $"FleetSim plan · {s.Name} · {p.Month.Minutes / 60} h · model {p.Model} · catalogue {p.Catalogue.Name} · router: {s.Router.ModeName}");
        sb.AppendLine();
        PlanVerification compare = p.ComparesBest;
        sb.AppendLine(Inv, $"  All API: {new Usd(p.AllApiUsd)} per {period}. Compare's best deployable on the scenario's own fleet: " +
                           $"{compare.Candidate.Policy}, {new Usd(compare.Estimate.TotalUsd)}.");
        sb.AppendLine(Inv, $"  Priced {Quantity.Count(p.Estimates.Count, "candidate")} on the minute engine over the scenario's {period}; " +
                           $"verified {Quantity.Count(p.Verified.Count, "plan")} over {Quantity.Count(s.Plan.Runs, period)} each (seeds {s.Seed}…{s.Seed + s.Plan.Runs - 1}).");
        if (s.Traffic.Classes is { } classes && classes.Classes.Any(c => c.Deferrable))
        {
            string deferrable = string.Join(", ", classes.Classes.Where(c => c.Deferrable)
                .Select(c => $"{c.Name} {c.Share.ToString("0.##%", Inv)} within {c.DeadlineHours!.Value.ToString("0.##", Inv)} h"));
            sb.AppendLine(Inv, $"  With traffic classes: every candidate's policy scales on the interactive demand and the deferrable work ({deferrable})");
            sb.AppendLine("  fills what its fleet leaves idle, else goes to the batch API at its deadline; spill % counts both APIs, all API prices");
            sb.AppendLine("  the deferrable tokens at the batch tier.");
        }
        sb.AppendLine();
        int node = Math.Max(12, p.Verified.Max(v => PlanRows.Node(v.Candidate).Length) + 2);
        int pool = Math.Max(8, p.Verified.Max(v => PlanRows.Pool(v.Candidate).Length) + 2);
        int policy = Math.Max(8, p.Verified.Max(v => v.Candidate.PolicyLabel.Length) + 2);
        int? months = p.Best.Outlook?.Months.Count;
        string outlookHeader = months is { } m ? $"{$"{m}-mo total",14}{"payback",9}" : "";
        sb.AppendLine(Inv, $"  {"#",-3}{"node type".PadRight(node)}{"GPU",-9}{"TP",-4}{"pool".PadRight(pool)}{"policy".PadRight(policy)}" +
                           $"{"mean",11}{"P5",11}{"P95",11}{"savings",9}{"spill",8}{outlookHeader}  {"SLO",-5}basis");
        for (int i = 0; i < p.Verified.Count; i++)
        {
            PlanVerification v = p.Verified[i];
            PlanCandidate c = v.Candidate;
            string rank = PlanSearch.Deployable(c, s.Plan) ? (i + 1).ToString(Inv) : "?";
            double savings = p.AllApiUsd > 0 ? 1 - v.MeanUsd / p.AllApiUsd : 0;
            sb.AppendLine(Inv, $"  {rank,-3}{PlanRows.Node(c).PadRight(node)}{PlanRows.Gpu(c),-9}{c.TensorParallel(s),-4}{PlanRows.Pool(c).PadRight(pool)}" +
                               $"{c.PolicyLabel.PadRight(policy)}{new Usd(v.MeanUsd),11}{new Usd(v.P5Usd),11}{new Usd(v.P95Usd),11}" +
                               $"{Percent.Format(savings),9}{Percent.Format(v.Estimate.SpillShare),8}{OutlookCells(v)}  {Slo(v),-5}{PlanRows.Basis(c)}");
        }
        sb.AppendLine();
        PlanVerification best = p.Best;
        sb.AppendLine(Inv, $"  {PlanRows.Headline(p)}");
        foreach (string why in best.Estimate.RentsNothing ? [] : p.WhyWins(best.Estimate))
        {
            sb.AppendLine(Inv, $"    - {why}");
        }
        if (best.Outlook is { } outlook)
        {
            sb.AppendLine(Inv, $"  Over {Quantity.Count(outlook.Months.Count, "month")}: {OutlookText.Line(outlook)}; compare's best: {OutlookText.Line(compare.Outlook!)}.");
        }
        if (p.WorthBenchmarking is { } guess)
        {
            sb.AppendLine(Inv, $"  ? Worth benchmarking: {guess.Candidate.Describe(s)}, {guess.Candidate.PolicyLabel} would cost {new Usd(guess.MeanUsd)} per {period} " +
                               $"if the catalogue's ESTIMATED throughput held; it is not the plan until measured (fleetsim replica fit, then a catalogue entry with basis: measured, or plan.trust_estimates: true).");
        }
        else if (p.Verified.Any(v => v.Candidate.Estimated))
        {
            sb.AppendLine("  estimated: plan.trust_estimates is on, so replicas with derived (not measured) throughput compete; benchmark before renting.");
        }
        sb.AppendLine(Inv, $"  {PlanRows.Spread(p)}");
        if (s.Slo is not null)
        {
            sb.AppendLine("  SLO: a fixed fleet's latency is measured on the request engine; a changing fleet's is met only when its worst case is (the request engine runs fixed fleets only).");
        }
        if (p.Exclusions.Count > 0)
        {
            string more = p.Exclusions.Count > 4 ? $"; and {p.Exclusions.Count - 4} more in plan.json" : "";
            sb.AppendLine(Inv, $"  Left out: {string.Join("; ", p.Exclusions.Take(4).Select(e => $"{e.What} ({e.Why.Split(':')[0]})"))}{more}");
        }
        foreach (string w in s.Warnings.Concat(p.Warnings))
        {
            sb.AppendLine(Inv, $"  warning: {w}");
        }
        return sb.ToString();
    }

    /// <summary>With an outlook: the plan's total over its months and its payback month (– when it does not pay back).</summary>
    private static string OutlookCells(PlanVerification v) => v.Outlook is { } o
        ? $"{new Usd(o.TotalUsd).ToShortString(),14}{(o.PaybackMonth is { } m ? $"mo {m}" : "–"),9}"
        : "";

    /// <summary>ok, MISS, ? (unchecked) or – (no SLO).</summary>
    public static string Slo(PlanVerification v) =>
        v.Slo.Count == 0 ? "–" : v.MeetsSlo switch { true => "ok", false => "MISS", null => "?" };
}
