using System.Globalization;
using System.Text;
using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Reporting;

/// <summary>The tiers table, as a terminal table or as Markdown.</summary>
public static class TiersTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The table, the assumptions behind each column, and one line per tier saying why its verdict won.</summary>
    /// <summary>
    /// With slo: the max in flight every column but aggressive runs at (lowered to meet it, or as given),
    /// and that aggressive's in-flight factor goes past it: looser service, as the seed's aggressive tier assumes.
    /// </summary>
    private static string SloNote(ScenarioSpec scenario) => scenario.SloInFlight is not { } slo ? ""
        : $" SLO: replicas run at most {scenario.Replica.MaxInFlight} in flight" +
          (scenario.Replica.MaxInFlight < slo.Configured ? $" (lowered from max_in_flight {slo.Configured} so its worst case meets slo)" : "") +
          (scenario.Tiers.InFlightFactor > 1 ? $"; aggressive's in flight ×{scenario.Tiers.InFlightFactor:0.##} goes past that: it gives up the SLO" : "") + ".";

    /// <summary>
    /// With traffic classes: each tier's spend prices the deferrable classes at their batch tier, the policies scale
    /// on the interactive demand, and the deferred work fills what they leave idle (<see cref="TierAnalysis.ScaleTo"/>).
    /// </summary>
    private static string ClassNote(ScenarioSpec scenario) => scenario.Traffic.Classes is not { } classes ? ""
        : " Classes: " + string.Join(", ", classes.Classes.Select(c => c.Deferrable
              ? $"{c.Name} {c.Share.ToString("0.##%", Inv)} deferrable within {c.DeadlineHours!.Value.ToString("0.##", Inv)} h"
              : $"{c.Name} {c.Share.ToString("0.##%", Inv)} on arrival")) +
          "; each spend is the all-API bill with the deferrable tokens at the batch tier's price, every policy scales on the interactive " +
          "demand and the deferred work fills the capacity it leaves idle (the rest goes to the batch tier at its deadline).";

    public static string Render(ScenarioSpec scenario, IReadOnlyList<TierRow> rows, bool markdown)
    {
        TiersSpec t = scenario.Tiers;
        string[] header = ["API spend/month", "floor-sized", "best autoscaling", "aggressive", "managed/yr, no team", "engineers", "bare GPUs/yr after salaries", "verdict"];
        var lines = rows.Select(r => new[]
        {
            new Usd(r.MonthlySpend).ToShortString(),
            Cell(r.Floor),
            Cell(r.Best) + (r.Best.BelowOneNode ? "" : $" ({r.Best.Policy})"),
            Cell(r.Aggressive),
            Range(r.ManagedAnnualLow, r.ManagedAnnualHigh),
            r.Engineers.ToString(Inv),
            Range(r.BareNetAnnualLow, r.BareNetAnnualHigh),
            r.Verdict,
        }).ToList();
        var sb = new StringBuilder();
        string team = t.Team.Engineers is { } n ? $"{n} engineers" : $"one engineer per {t.Team.NodesPerEngineer:0.#} nodes, at least {t.Team.MinEngineers}";
        string assumptions =
            $"Scenario {scenario.Name}: traffic scaled (same shape) to each spend at ${new Pricing.ScenarioPrices(scenario).ApiPerMillion.Value:0.000}/M. " +
            $"floor-sized, best autoscaling, aggressive: savings at the scenario's ${scenario.Replica.GpuPrice.Value:0.##}/GPU-hour before any salaries " +
            $"(aggressive: tok/s ×{t.ThroughputFactor:0.##}, in flight ×{t.InFlightFactor:0.##}; \"0 nodes\": that column's fleet never runs a node; a negative % runs nodes that lose to the API). " +
            $"managed/yr: the best policy at managed ${t.ManagedUsdPerGpuHour.Low:0.##}–{t.ManagedUsdPerGpuHour.High:0.##}/GPU-hour, no team. " +
            $"engineers: the team bare GPUs need, {team}, {new Usd(t.Team.SalaryLow).ToShortString()}–{new Usd(t.Team.SalaryHigh).ToShortString()}/yr each, " +
            $"GPU expertise on the team: {(t.Team.HasGpuExpertise ? "yes" : "no")}. " +
            $"bare GPUs/yr: the best policy at bare ${t.BareUsdPerGpuHour.Low:0.##}–{t.BareUsdPerGpuHour.High:0.##}/GPU-hour less that team. " +
            "Each range runs from the dearer GPUs (and top salaries) to the cheaper; a rental that loses counts as $0 before salaries. " +
            "Verdict: the largest midpoint of the API ($0), managed and bare GPUs; a tie goes to the API, then managed." + SloNote(scenario) + ClassNote(scenario);
        if (markdown)
        {
            sb.AppendLine("| " + string.Join(" | ", header) + " |");
            sb.AppendLine("|" + string.Join("|", header.Select(_ => "---")) + "|");
            foreach (string[] l in lines)
            {
                sb.AppendLine("| " + string.Join(" | ", l) + " |");
            }
            sb.AppendLine();
            sb.AppendLine(assumptions);
            sb.AppendLine();
            foreach (TierRow r in rows)
            {
                sb.AppendLine(Inv, $"- {new Usd(r.MonthlySpend).ToShortString()}/month: **{r.Verdict}**: {r.Why}.");
            }
            AppendOutlooks(sb, rows, "- ");
            return sb.ToString();
        }
        int[] widths = [.. header.Select((h, i) => Math.Max(h.Length, lines.Max(l => l[i].Length)))];
        sb.AppendLine("FleetSim tiers · " + scenario.Name);
        sb.AppendLine();
        sb.AppendLine("  " + string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (string[] l in lines)
        {
            sb.AppendLine("  " + string.Join("  ", l.Select((c, i) => i is > 0 and < 7 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        }
        sb.AppendLine();
        sb.AppendLine("  " + assumptions);
        foreach (TierRow r in rows)
        {
            sb.AppendLine(Inv, $"  {new Usd(r.MonthlySpend).ToShortString(),6}: {r.Verdict}: {r.Why}.");
        }
        AppendOutlooks(sb, rows, "  ");
        return sb.ToString();
    }

    /// <summary>With an outlook: each tier's best policy over its months, before any salaries.</summary>
    private static void AppendOutlooks(System.Text.StringBuilder sb, IReadOnlyList<TierRow> rows, string indent)
    {
        if (rows.FirstOrDefault()?.Outlook is not { } first)
        {
            return;
        }
        sb.AppendLine(Inv, $"{indent}Over {Quantity.Count(first.Months.Count, "month")} (outlook: growth and price drift; the best column's policy at the scenario's prices, before salaries):");
        foreach (TierRow r in rows.Where(r => r.Outlook is not null))
        {
            sb.AppendLine(Inv, $"{indent}  {new Usd(r.MonthlySpend).ToShortString(),6}: {r.Outlook!.Policy}, {OutlookText.Line(r.Outlook)}.");
        }
    }

    /// <summary>Savings as % and $/month and $/year (negative: the fleet loses), or "0 nodes" when the fleet never runs one.</summary>
    private static string Cell(TierCell c) => c.BelowOneNode
        ? "0 nodes"
        : $"{Percent.Format(c.SavingsFraction!.Value)} {new Usd(c.MonthlySavings!.Value).ToShortString()}/mo {new Usd(c.MonthlySavings.Value * 12).ToShortString()}/yr";

    private static string Range(double low, double high) => $"{new Usd(low).ToShortString()} to {new Usd(high).ToShortString()}";
}
