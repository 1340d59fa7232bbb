using FleetSim.Cli.Verbs;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Reporting.Report;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>fleetsim report: the bill, the policies, a Monte Carlo sweep, five charts and a one-page report.</summary>
public static class ReportCommand
{
    public static int Execute(ReportOptions o, TextWriter stdout, TextWriter stderr)
    {
        if (o.Runs < 1 || o.Runs > 1_000_000)
        {
            throw new UsageException($"--runs: expected 1 to 1,000,000 months, found {o.Runs}");
        }
        var output = new OutputDirectory(o.Out);
        string[] sets = [.. o.Sets];
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
        var charts = ReportCharts.Render(run, comparison, sweep);
        Reporting.Provenance provenance = Invocation.For(scenario, o.Scenario, sets);
        charts = [.. charts.Select(c => (c.Chart, Reporting.Charts.PngText.With(c.Png, provenance)))];
        var document = new ReportDocument(run, comparison, sweep, o.Runs, [.. charts.Select(c => c.Chart)])
        {
            Provenance = provenance,
        };
        var png = charts.ToDictionary(c => c.Chart.File, c => c.Png);

        foreach (var (chart, bytes) in charts)
        {
            output.AddBinary(chart.File, path => File.WriteAllBytes(path, bytes));
        }
        output.Add("report.md", w => w.Write(document.ToMarkdown()));
        output.Add("report.html", w => w.Write(document.ToHtml(file => png[file])));
        IReadOnlyList<string> written = output.Commit();
        stdout.WriteLine($"FleetSim report · {scenario.Name}");
        stdout.WriteLine($"  {document.Finding()}");
        stdout.WriteLine($"  Wrote {string.Join(", ", written)}");
        return ExitCode.Ok;
    }
}
