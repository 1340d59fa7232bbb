using System.Text.Json;
using System.Text.Json.Nodes;
using FleetSim.Cli.Verbs;
using FleetSim.Engine;
using FleetSim.Reporting;
using FleetSim.Runs;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Reporting.Report;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>fleetsim report: the bill, the policies, a Monte Carlo sweep, five charts and a one-page report.</summary>
public static class ReportCommand
{
    /// <summary>The files --out DIR may receive (savings-distribution.png only when months vary).</summary>
    public static readonly string[] Files =
        ["timeline.png", "daily-profile.png", "cost.png", "savings-distribution.png", "utilization.png", "sensitivity.png", "report.md", "report.html"];

    private static readonly JsonSerializerOptions Json = JsonNumbers.Options();

    public static int Execute(ReportOptions o, TextWriter stdout, TextWriter stderr)
    {
        PrintStyle style = PrintStyles.Of(o.Format, o.Json, PrintStyle.Table, PrintStyle.Json);
        if (o.Runs < 1 || o.Runs > 1_000_000)
        {
            throw new UsageException($"--runs: expected 1 to 1,000,000 months, found {o.Runs}");
        }
        string[]? policies = PolicyArguments.Parse(o.Policies);
        string[] sets = SeedArgument.Apply(o.Seed, o.Sets);
        if (policies is not null)
        {
            sets = [.. sets, $"scaling.policies=[{string.Join(", ", policies)}]"];
        }
        var output = new OutputDirectory(o.Out, Files, o.Force);
        ScenarioSpec scenario = ScenarioInput.Load(o.Scenario, sets);
        bool monthsVary = SweepRunner.MonthsVary(scenario);
        if (monthsVary)
        {
            SweepCommand.CheckSize(1, scenario.Scaling.Policies.Count, o.Runs, 1, o.Force);
        }
        Func<IReadOnlyList<ScenarioOverride>, ScenarioSpec> load = ScenarioInput.Loader(o.Scenario);

        // The report's bill and policy table are the scenario's own: its average month, not one noisy draw.
        ScenarioRun run = ScenarioRun.Of(scenario, EngineChoice.Minute, expectedMonth: true);
        PolicyComparison comparison = PolicyComparison.Of(scenario, expectedMonth: true);
        // Monte Carlo only where months differ; otherwise every month is the bill above.
        IReadOnlyList<SweepGroup> sweep = [];
        if (monthsVary)
        {
            var spec = new SweepSpec(o.Runs, scenario.Seed, sets, null, Environment.ProcessorCount, SweepShard.Whole);
            sweep = SweepSummary.Of(SweepRunner.Run(spec, load));
        }
        // How the planned fleet's bill moves when its figures are off (issue 16): ten more runs of the month.
        Sensitivity sensitivity = Sensitivity.Of(run, expectedMonth: true);
        var charts = ReportCharts.Render(run, comparison, sweep, sensitivity);
        Provenance provenance = Invocation.For(scenario, o.Scenario, sets);
        charts = [.. charts.Select(c => (c.Chart, Reporting.Charts.PngText.With(c.Png, provenance)))];
        var document = new ReportDocument(run, comparison, sweep, o.Runs, [.. charts.Select(c => c.Chart)])
        {
            Provenance = provenance,
            Sensitivity = sensitivity,
        };
        var png = charts.ToDictionary(c => c.Chart.File, c => c.Png);

        foreach (var (chart, bytes) in charts)
        {
            output.AddBinary(chart.File, path => File.WriteAllBytes(path, bytes));
        }
        output.Add("report.md", w => w.Write(document.ToMarkdown()));
        output.Add("report.html", w => w.Write(document.ToHtml(file => png[file])));
        IReadOnlyList<string> written = output.Commit();
        if (style == PrintStyle.Json)
        {
            stdout.WriteLine(JsonReport(scenario, document, run, comparison, sweep, sensitivity, provenance));
        }
        else
        {
            stdout.WriteLine($"FleetSim report · {scenario.Name}");
            stdout.WriteLine($"  {document.Finding()}");
        }
        Notes.Wrote(written, o.Quiet, stderr);
        return ExitCode.Ok;
    }

    /// <summary>
    /// report --format json: provenance, scenario, finding, the bill (as run --json has it), the comparison (as
    /// compare --json), the Monte Carlo summary per policy (as sweep --json; empty when months do not vary) and
    /// the sensitivity (the scenario's fleet, its planned total and savings, whether the verdict holds, and each
    /// factor and change with that fleet's total, savings and savings share).
    /// </summary>
    private static string JsonReport(ScenarioSpec scenario, ReportDocument document, ScenarioRun run, PolicyComparison comparison,
                                     IReadOnlyList<SweepGroup> sweep, Sensitivity sensitivity, Provenance provenance)
    {
        JsonNode bill = WithoutProvenance(BillJson.Serialize(BillSummary.Of(run)));
        JsonNode compare = WithoutProvenance(CompareSummary.Of(comparison).ToJson());
        IReadOnlyList<MonteCarloJson> monteCarlo = [.. sweep.Select(MonteCarloJson.Of)];
        var body = new JsonObject
        {
            ["provenance"] = JsonNumbers.Node(provenance, Json),
            ["scenario"] = scenario.Name,
            ["finding"] = document.Finding(),
            ["bill"] = bill,
            ["compare"] = compare,
            ["monte_carlo"] = JsonNumbers.Node(monteCarlo, Json),
            ["sensitivity"] = JsonNumbers.Node(new SensitivityJson(
                sensitivity.Nominal.Fleet.Replicas,
                sensitivity.Nominal.Bill.Total.Value,
                sensitivity.Nominal.Bill.Savings.Value,
                sensitivity.VerdictHolds,
                [.. sensitivity.Factors.SelectMany(f => f.Cases.Select(c =>
                    new SensitivityCaseJson(f.Name, c.Change, c.Bill.Total.Value, c.Bill.Savings.Value, c.Bill.SavingsShare)))]), Json),
        };
        return body.ToJsonString(Json);
    }

    private static JsonNode WithoutProvenance(string json)
    {
        JsonObject node = JsonNode.Parse(json)!.AsObject();
        node.Remove("provenance");
        return node;
    }
}
