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

    public static string Render(ScenarioSpec scenario, IReadOnlyList<TierRow> rows, bool markdown)
    {
        TiersSpec t = scenario.Tiers;
        string[] header = ["API spend/month", "floor-sized", "best autoscaling", "aggressive", "engineers", "net/yr after salaries", "bare vs managed", "verdict"];
        var lines = rows.Select(r => new[]
        {
            new Usd(r.MonthlySpend).ToShortString(),
            Cell(r.Floor),
            Cell(r.Best) + (r.Best.BelowOneNode ? "" : $" ({r.Best.Policy})"),
            Cell(r.Aggressive),
            r.Engineers.ToString(Inv),
            r.Engineers == 0 ? "—" : $"{new Usd(r.NetAnnualLow).ToShortString()} to {new Usd(r.NetAnnualHigh).ToShortString()}",
            r.Cheaper,
            r.Verdict,
        }).ToList();
        var sb = new StringBuilder();
        string assumptions =
            $"Scenario {scenario.Name}: traffic scaled (same shape) to each spend at ${new Pricing.ScenarioPrices(scenario).ApiPerMillion.Value:0.000}/M; replica at ${scenario.Replica.GpuPrice.Value:0.##}/GPU-hour. " +
            $"Aggressive: tok/s ×{t.ThroughputFactor:0.##}, in flight ×{t.InFlightFactor:0.##}. Team: " +
            (t.Team.Engineers is { } n ? $"{n} engineers" : $"one engineer per {t.Team.NodesPerEngineer:0.#} nodes, at least {t.Team.MinEngineers}") +
            $", {new Usd(t.Team.SalaryLow).ToShortString()}–{new Usd(t.Team.SalaryHigh).ToShortString()}/yr each, GPU expertise on the team: {(t.Team.HasGpuExpertise ? "yes" : "no")}. " +
            $"Bare GPUs ${t.BareUsdPerGpuHour.Low:0.##}–{t.BareUsdPerGpuHour.High:0.##}/GPU-hour with that team; managed ${t.ManagedUsdPerGpuHour.Low:0.##}–{t.ManagedUsdPerGpuHour.High:0.##} with none.";
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
            return sb.ToString();
        }
        int[] widths = [.. header.Select((h, i) => Math.Max(h.Length, lines.Max(l => l[i].Length)))];
        sb.AppendLine("FleetSim tiers · " + scenario.Name);
        sb.AppendLine();
        sb.AppendLine("  " + string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (string[] l in lines)
        {
            sb.AppendLine("  " + string.Join("  ", l.Select((c, i) => i is > 0 and < 5 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        }
        sb.AppendLine();
        sb.AppendLine("  " + assumptions);
        foreach (TierRow r in rows)
        {
            sb.AppendLine(Inv, $"  {new Usd(r.MonthlySpend).ToShortString(),6}: {r.Verdict}: {r.Why}.");
        }
        return sb.ToString();
    }

    private static string Cell(TierCell c) => c.BelowOneNode
        ? "below one node"
        : $"{c.SavingsFraction!.Value.ToString("0.0 %", Inv)} {new Usd(c.MonthlySavings!.Value).ToShortString()}/mo {new Usd(c.MonthlySavings.Value * 12).ToShortString()}/yr";
}
