using FleetSim.Cli.Verbs;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Reporting;
using FleetSim.Reporting.Charts;
using FleetSim.Scaling;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>fleetsim compare: policies side by side, with compare.png and timeline.png.</summary>
public static class CompareCommand
{
    /// <summary>The files --out DIR receives.</summary>
    public static readonly string[] Files = ["compare.json", "compare.txt", "compare.png", "timeline.png"];

    public static int Execute(CompareOptions o, TextWriter stdout, TextWriter stderr)
    {
        PrintStyle style = PrintStyles.Of(o.Format, o.Json, PrintStyle.Table, PrintStyle.Json);
        string[]? policies = PolicyArguments.Parse(o.Policies);
        string[] sets = SeedArgument.Apply(o.Seed, o.Sets);
        var output = new OutputDirectory(o.Out, Files, o.Force);
        ScenarioSpec scenario = ScenarioInput.Load(o.Scenario, sets);
        PolicyComparison comparison = PolicyComparison.Of(scenario, policies);
        CompareSummary summary = CompareSummary.Of(comparison) with { Provenance = Invocation.For(scenario, o.Scenario, sets) };
        string json = summary.ToJson();
        string table = CompareTable.Render(comparison);

        output.Add("compare.json", w => w.WriteLine(json));
        output.Add("compare.txt", w => w.Write(table));
        output.AddBinary("compare.png", path => ChartStyle.Save(CompareChart.Draw(comparison), path, summary.Provenance));
        output.AddBinary("timeline.png", path => ChartStyle.Save(TimelineChart.Draw(comparison), path, summary.Provenance));
        IReadOnlyList<string> written = output.Commit();
        stdout.Write(style == PrintStyle.Json ? json + Environment.NewLine : table);
        Notes.Wrote(written, o.Quiet, stderr);
        return ExitCode.Ok;
    }
}
