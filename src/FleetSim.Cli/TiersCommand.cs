using System.Text.Json;
using FleetSim.Cli.Verbs;
using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Reporting;
using FleetSim.Reporting.Charts;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>fleetsim tiers: savings and the hiring verdict by monthly API spend.</summary>
public static class TiersCommand
{
    private static readonly JsonSerializerOptions Json = FleetSim.Reporting.JsonNumbers.Options();

    private const string Markdown = "tiers.md", JsonFile = "tiers.json", Chart = "tiers.png";

    public static int Execute(TiersOptions o, TextWriter stdout, TextWriter stderr)
    {
        PrintStyle style = PrintStyles.Of(o.Format, o.Json, PrintStyle.Table, PrintStyle.Markdown, PrintStyle.Json);
        double[]? spend = o.Spend is null ? null : ParseSpend(o.Spend);
        string[] sets = SeedArgument.Apply(o.Seed, o.Sets);
        var output = new OutputDirectory(o.Out, [Markdown, JsonFile, Chart], o.Force);
        ScenarioSpec scenario = ScenarioInput.Load(o.Scenario, sets);
        IReadOnlyList<TierRow> rows = TierAnalysis.Run(scenario, spend);
        string table = TiersTable.Render(scenario, rows, markdown: style == PrintStyle.Markdown);
        Reporting.Provenance provenance = Invocation.For(scenario, o.Scenario, sets);
        string json = JsonNumbers.Write(new TiersJson(provenance, scenario.Name, SloMaxInFlightJson.Of(scenario), rows), Json);
        output.Add(Markdown, w => w.Write(TiersTable.Render(scenario, rows, markdown: true) + $"{Environment.NewLine}---{Environment.NewLine}{Environment.NewLine}*{provenance.Line()}*{Environment.NewLine}"));
        output.Add(JsonFile, w => w.WriteLine(json));
        output.AddBinary(Chart, path => ChartStyle.Save(TiersChart.Draw(rows), path, provenance));
        IReadOnlyList<string> written = output.Commit();
        stdout.Write(style == PrintStyle.Json ? json + Environment.NewLine : table);
        Notes.Wrote(written, o.Quiet, stderr);
        return ExitCode.Ok;
    }

    private static double[] ParseSpend(string text)
    {
        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string number = part.TrimStart('$');
            if (!YamlNumbers.TryParse(number, out double v) || v <= 0)
            {
                throw new UsageException($"--spend: '{part}' is not a monthly spend like 185K or 1.2M");
            }
            if (v > InputLimits.MaxMonthlySpendUsd)
            {
                throw new UsageException(
                    $"--spend: '{part}' is ${v:N0} a month, more than the ${InputLimits.MaxMonthlySpendUsd:N0} limit (above any real inference budget: a typo?)");
            }
            values.Add(v);
        }
        if (values.Count > InputLimits.MaxSpendLevels)
        {
            throw new UsageException($"--spend: {values.Count:N0} levels, more than the {InputLimits.MaxSpendLevels} tiers compares (each is a simulation)");
        }
        return [.. values];
    }
}
