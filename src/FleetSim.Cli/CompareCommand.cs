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
    public static int Execute(CompareOptions o, TextWriter stdout, TextWriter stderr)
    {
        string[]? policies = o.Policies?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (policies is { Length: 0 })
        {
            throw new UsageException("--policies: name at least one policy");
        }
        PolicyArguments.Check(policies);
        var output = new OutputDirectory(o.Out);
        ScenarioSpec scenario = ScenarioInput.Load(o.Scenario, o.Sets);
        PolicyComparison comparison = PolicyComparison.Of(scenario, policies);
        CompareSummary summary = CompareSummary.Of(comparison) with { Provenance = Invocation.For(scenario, o.Scenario, o.Sets) };
        string json = summary.ToJson();
        string table = CompareTable.Render(comparison);

        output.Add("compare.json", w => w.WriteLine(json));
        output.Add("compare.txt", w => w.Write(table));
        output.AddBinary("compare.png", path => ChartStyle.Save(CompareChart.Draw(comparison), path, summary.Provenance));
        output.AddBinary("timeline.png", path => ChartStyle.Save(TimelineChart.Draw(comparison), path, summary.Provenance));
        IReadOnlyList<string> written = output.Commit();
        stdout.Write(o.Json ? json + Environment.NewLine : table);
        if (!o.Json)
        {
            stdout.WriteLine($"  Wrote {string.Join(", ", written)}");
        }
        return ExitCode.Ok;
    }
}
