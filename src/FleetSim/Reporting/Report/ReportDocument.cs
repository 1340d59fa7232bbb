using System.Globalization;
using System.Net;
using System.Text;
using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Engine;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Units;

namespace FleetSim.Reporting.Report;

/// <summary>A chart of the report: its file, and the caption that says what it shows.</summary>
public sealed record ReportChart(string File, string Caption);

/// <summary>
/// The one-page report: the bill, the policy table, the Monte Carlo summary, the charts and every
/// assumption, written as Markdown and as a self-contained HTML page (images embedded).
/// </summary>
public sealed class ReportDocument(ScenarioRun run, PolicyComparison comparison, IReadOnlyList<SweepGroup> sweep, int sweepRuns, IReadOnlyList<ReportChart> charts)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private string Period => comparison.Demand.Minutes == 730 * 60 ? "month" : $"{comparison.Demand.Minutes / 60} h";

    public string Finding()
    {
        Bill b = run.Bill;
        PolicyResult best = comparison.Headline;
        string bound = comparison.Bound is { } oracle && oracle != best
            ? $" The oracle, a bound no one can deploy (hindsight, cheapest nodes, no delays or failures), saves {Pct(oracle.SavingsFraction)}: " +
              $"{(oracle.Savings - best.Savings).ToShortString()} more than {best.Policy}."
            : "";
        return $"All-API costs {b.AllApi.ToShortString()} per {Period}. The scenario's fleet saves {Percent.Savings(b.SavingsShare)} " +
               $"({b.Savings.ToShortString()}); of the deployable policies compared, {best.Policy} saves the most: {Pct(best.SavingsFraction)} ({best.Savings.ToShortString()}).{bound} " +
               $"At these prices no policy can save more than {Pct(comparison.SavingsCeiling)}: a replica pays for itself only above " +
               $"{Pct(b.BreakEvenUtilization)} busy." + SloFinding() + MonteCarloFinding() + SensitivityFinding();
    }

    /// <summary>The SLO against every policy's replica (the worst case, or the request engine's P95s when it ran).</summary>
    private string SloFinding() => run.Scenario.Slo is null ? ""
        : $" SLO at {Units.Quantity.Count(run.Scenario.Replica.MaxInFlight, "request")} in flight a replica: " +
          $"{SloText.Line(SloAttainment.Of(run.Scenario, run.Requests, run.Fleet.Replicas > 0), run.Requests is not null)}.";

    /// <summary>What the scenario's fleet comes to if its replicas deliver 20 % less than their figure.</summary>
    private string SensitivityFinding()
    {
        if (Sensitivity?.Factors.FirstOrDefault(f => f.Name == "replica throughput")?.Cases.MinBy(c => c.Change) is not { } low)
        {
            return "";
        }
        Usd planned = run.Bill.Savings, then = low.Bill.Savings;
        string outcome = then.Value >= 0 ? $"saves {then.ToShortString()}" : $"costs {new Usd(-then.Value).ToShortString()} more than all-API";
        return $" If its replicas deliver {Percent.Format(1 - low.Change, 0)} less than their throughput figure, the scenario's fleet {outcome} " +
               $"(planned: {planned.ToShortString()}).";
    }

    /// <summary>What the months drawn with noise, failures and preemptions add to the average month's figures.</summary>
    private string MonteCarloFinding()
    {
        if (sweep.Count == 0)
        {
            return " Nothing in this scenario varies from month to month, so no Monte Carlo was run.";
        }
        (SweepGroup g, MetricStats share)? best = sweep
            .Where(g => g.Policy != Engine.OracleBound.Name && g.SavingsFraction is not null)
            .Select(g => ((SweepGroup, MetricStats)?)(g, g.SavingsFraction!))
            .MaxBy(b => b!.Value.Item2.Mean);
        return best is not { } b
            ? $" None of the {sweepRuns:N0} months drawn has any demand, so none has a savings share."
            : $" Across {sweepRuns:N0} months drawn with the scenario's noise, failures and preemptions, {b.g.Policy} saves the most: " +
              $"a mean of {Pct(b.share.Mean)} (P5 {Pct(b.share.P5)}, P95 {Pct(b.share.P95)}).";
    }

    /// <summary>How the report was made, written at its foot; none when not set.</summary>
    public Provenance? Provenance { get; init; }

    /// <summary>How the bill moves when the plan's figures are off (its own table); none when not run.</summary>
    public Sensitivity? Sensitivity { get; init; }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"# FleetSim report · {run.Scenario.Name}");
        sb.AppendLine();
        sb.AppendLine(Finding());
        sb.AppendLine();
        foreach (var (title, header, rows) in Tables())
        {
            sb.AppendLine(Inv, $"## {title}");
            sb.AppendLine();
            sb.AppendLine("| " + string.Join(" | ", header) + " |");
            sb.AppendLine("|" + string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
            foreach (string[] row in rows)
            {
                sb.AppendLine("| " + string.Join(" | ", row) + " |");
            }
            sb.AppendLine();
        }
        sb.AppendLine("## Charts");
        sb.AppendLine();
        foreach (ReportChart c in charts)
        {
            sb.AppendLine(Inv, $"![{c.Caption}]({c.File})");
            sb.AppendLine();
            sb.AppendLine(Inv, $"*{c.Caption}*");
            sb.AppendLine();
        }
        sb.AppendLine("## Assumptions");
        sb.AppendLine();
        sb.AppendLine("| key | value |");
        sb.AppendLine("|---|---|");
        foreach (var (key, value) in ScenarioAssumptions.Of(run.Scenario))
        {
            sb.AppendLine(Inv, $"| `{key}` | {value} |");
        }
        if (Provenance is { } p)
        {
            sb.AppendLine();
            sb.AppendLine("---");
            sb.AppendLine();
            sb.AppendLine(Inv, $"*{p.Line()}*");
        }
        return sb.ToString();
    }

    /// <summary>The same content as one HTML file; <paramref name="imageBytes"/> gives each chart's PNG to embed.</summary>
    public string ToHtml(Func<string, byte[]> imageBytes)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.AppendLine(Inv, $"<title>FleetSim report · {E(run.Scenario.Name)}</title>");
        sb.AppendLine("<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}" +
                      "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}" +
                      "td:first-child,th:first-child{text-align:left}img{max-width:100%;border:1px solid #eee}figcaption{color:#555}</style>");
        sb.AppendLine("<script>window.addEventListener('load',()=>{const ok=[...document.images].every(i=>i.complete&&i.naturalWidth>0);" +
                      "document.body.setAttribute('data-images',ok?'loaded':'broken');});</script>");
        sb.AppendLine("</head><body>");
        sb.AppendLine(Inv, $"<h1>FleetSim report · {E(run.Scenario.Name)}</h1>");
        sb.AppendLine(Inv, $"<p>{E(Finding())}</p>");
        foreach (var (title, header, rows) in Tables())
        {
            sb.AppendLine(Inv, $"<h2>{E(title)}</h2><table><tr>{string.Concat(header.Select(h => $"<th>{E(h)}</th>"))}</tr>");
            foreach (string[] row in rows)
            {
                sb.AppendLine(Inv, $"<tr>{string.Concat(row.Select(c => $"<td>{E(c)}</td>"))}</tr>");
            }
            sb.AppendLine("</table>");
        }
        sb.AppendLine("<h2>Charts</h2>");
        foreach (ReportChart c in charts)
        {
            string data = Convert.ToBase64String(imageBytes(c.File));
            sb.AppendLine(Inv, $"<figure><img alt=\"{E(c.Caption)}\" src=\"data:image/png;base64,{data}\"><figcaption>{E(c.Caption)}</figcaption></figure>");
        }
        sb.AppendLine("<h2>Assumptions</h2><table><tr><th>key</th><th>value</th></tr>");
        foreach (var (key, value) in ScenarioAssumptions.Of(run.Scenario))
        {
            sb.AppendLine(Inv, $"<tr><td><code>{E(key)}</code></td><td>{E(value)}</td></tr>");
        }
        sb.AppendLine("</table>");
        if (Provenance is { } p)
        {
            sb.AppendLine(Inv, $"<footer><hr><p><small>{E(p.Line())}</small></p></footer>");
        }
        sb.AppendLine("</body></html>");
        return sb.ToString();
    }

    private IEnumerable<(string Title, string[] Header, List<string[]> Rows)> Tables()
    {
        Bill b = run.Bill;
        var bill = new List<string[]>
        {
            // With classes the all-API bill is blended (deferrable tokens at the batch tier): its $/M is the blend's, as run's table prints it.
            new[] { "All API", Quantity.Short(b.Demand.Value, precise: true),
                    (b.Classes is not null && b.Demand.Value > 0 ? b.AllApi.Value / b.Demand.Millions : b.ApiPrice.Value).ToString("0.000", Inv), b.AllApi.ToString() },
            new[] { $"Self-host ({Quantity.Count(run.Fleet.Replicas, "replica")} on {Quantity.Count(run.Fleet.Nodes, "node")})", Quantity.Short(b.SelfHosted.Value, precise: true),
                    b.SelfHostPriceAtFullUse.Value.ToString("0.000", Inv) + " at full use", b.SelfHost.ToString() },
            b.Classes is null
                ? new[] { "API spillover", Quantity.Short(b.Spilled.Value, precise: true), b.ApiPrice.Value.ToString("0.000", Inv), b.Spill.ToString() }
                : new[] { "API spillover (interactive)", Quantity.Short((b.Spilled - b.BatchApiTokens).Value, precise: true), b.ApiPrice.Value.ToString("0.000", Inv), (b.Spill - b.BatchApi).ToString() },
        };
        if (b.Classes is not null)
        {
            bill.Add([ "Batch API (deferrable, at deadline)", Quantity.Short(b.BatchApiTokens.Value, precise: true),
                       b.BatchApiTokens.Value > 0 ? (b.BatchApi.Value / b.BatchApiTokens.Millions).ToString("0.000", Inv) : "—", b.BatchApi.ToString() ]);
        }
        bill.AddRange(
        [
            new[] { "Self-host + spillover", "", "", b.Total.ToString() },
            new[] { $"Savings vs all API ({Percent.Savings(b.SavingsShare)})", "", "", b.Savings.ToString() },
            new[] { $"Fluid router, the seed's arithmetic (saves {Pct(run.FluidBill.SavingsFraction)})", "", "", run.FluidBill.Total.ToString() },
        ]);
        yield return ($"The bill ({run.Scenario.Router.ModeName} router, per {Period}, {MonthKind})", ["line", "tokens", "$/M", "cost"], bill);

        var policies = comparison.Runs.Select(r => new[]
        {
            r.Label, r.SelfHost.ToString(), r.Spill.ToString(), r.Total.ToString(), r.Savings.ToString(), Percent.Savings(r.Bill.SavingsShare),
            Pct(r.Utilization), Pct(r.SpillShare), r.NodeHours.ToString("0", Inv), r.ScaleEvents.ToString(Inv),
        }).ToList();
        policies.Add(["ceiling", "", "", (comparison.AllApi * (1 - comparison.SavingsCeiling)).ToString(), (comparison.AllApi * comparison.SavingsCeiling).ToString(),
                      Pct(comparison.SavingsCeiling), "100 %", "0 %", "", ""]);
        yield return ("Policies", ["policy", "self-host", "API", "total", "savings", "%", "utilization", "spill", "node-hours", "scale events"], policies);

        foreach (var classTable in ReportClassTables.Of(run, comparison))
        {
            yield return classTable;
        }

        var mc = sweep.Select(g => new[]
        {
            Engine.OracleBound.Label(g.Policy), Percent.Savings(g.SavingsFraction?.Mean),
            g.SavingsFraction is not { } share ? "n/a (no demand)" : g.Runs > 1 ? $"{Pct(share.Ci95Low)} – {Pct(share.Ci95High)}" : "— (one month)",
            Percent.Savings(g.SavingsFraction?.P5), Percent.Savings(g.SavingsFraction?.P50), Percent.Savings(g.SavingsFraction?.P95), new Usd(g.TotalUsd.Mean).ToShortString(),
        }).ToList();
        if (mc.Count > 0)
        {
            yield return ($"Monte Carlo: {sweepRuns:N0} months per policy, drawn with the scenario's noise, failures and preemptions",
                          ["policy", "mean savings", "95 % CI of the mean", "P5", "P50", "P95", "mean total"], mc);
        }
        if (SensitivityTable() is { } table)
        {
            yield return table;
        }
    }

    /// <summary>The sensitivity table: each factor's cases, the planned fleet's savings in each.</summary>
    private (string, string[], List<string[]>)? SensitivityTable()
    {
        if (Sensitivity is not { } sensitivity)
        {
            return null;
        }
        Bill planned = sensitivity.Nominal.Bill;
        var rows = new List<string[]> { new[] { "as planned", "", planned.Total.ToString(), planned.Savings.ToString(), Percent.Savings(planned.SavingsShare), "" } };
        foreach (SensitivityFactor factor in sensitivity.Factors)
        {
            foreach (SensitivityCase c in factor.Cases)
            {
                Bill b = c.Bill;
                string change = (c.Change - 1).ToString("+0 %;-0 %", Inv);
                rows.Add([factor.Name, change, b.Total.ToString(), b.Savings.ToString(), Percent.Savings(b.SavingsShare),
                          (b.Savings - planned.Savings).ToString()]);
            }
        }
        string verdict = sensitivity.VerdictHolds
            ? planned.Savings.Value > 0 ? "self-hosting saves in every case" : "self-hosting saves in none of the cases"
            : "the verdict turns in at least one case";
        return ($"Sensitivity: the planned {Quantity.Count(sensitivity.Nominal.Fleet.Replicas, "replica")} when a figure is off ({verdict})",
                ["figure", "off by", "total", "savings", "%", "savings vs plan"], rows);
    }

    /// <summary>What the bill's month is: the traffic's average month, and whether Monte Carlo ran around it.</summary>
    private string MonthKind => sweep.Count > 0
        ? "the expected month, without noise; the Monte Carlo table shows the spread"
        : "every month alike: nothing in this scenario varies, so no Monte Carlo";

    private static string Pct(double v) => Percent.Format(v);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
