using FleetSim.Cli.Verbs;
using FleetSim.Reporting;
using FleetSim.Reporting.Charts;
using FleetSim.Reporting.Deploy;
using FleetSim.Runs.Plan;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>fleetsim plan: the cheapest fleet across a node catalogue, with plan.json, plan.md, plan.png and deploy/.</summary>
public static class PlanCommand
{
    /// <summary>The files --out DIR receives besides deploy/.</summary>
    public static readonly string[] Files = ["plan.json", "plan.md", "plan.png"];

    public static int Execute(PlanOptions o, TextWriter stdout, TextWriter stderr)
    {
        PrintStyle style = PrintStyles.Of(o.Format, o.Json, PrintStyle.Table, PrintStyle.Json);
        string[] sets = [.. SeedArgument.Apply(o.Seed, o.Sets), .. Bounded("top", o.Top, PlanSpec.MaxTop), .. Bounded("runs", o.Runs, PlanSpec.MaxRuns)];
        ScenarioOverride[] slo = [.. SloOverrides(o.Slo)];
        NodeCatalogue? given = o.Catalogue is { } file ? CatalogueFile(file) : null;
        var output = new OutputDirectory(o.Out, [.. Files, .. PlanDeploy.AllFiles], o.Force);
        ScenarioSpec scenario = ScenarioInput.Load(o.Scenario, sets, slo);
        NodeCatalogue catalogue = given ?? (scenario.Plan.CataloguePath is { } path ? NodeCatalogueReader.Read(path) : BuiltInCatalogue.Read());
        PlanResult plan = PlanSearch.Run(scenario, catalogue);
        Provenance provenance = Invocation.For(scenario, o.Scenario, [.. sets, .. slo.Select(s => $"{s.KeyPath}={s.Value}")]);
        IReadOnlyList<(string Path, string Text)> deploy = PlanDeploy.For(plan);
        PlanSummary summary = PlanSummary.Of(plan) with { Provenance = provenance };
        string json = summary.ToJson();
        string table = PlanTable.Render(plan);
        output.Add("plan.json", w => w.WriteLine(json));
        output.Add("plan.md", w => w.Write(PlanMarkdown.Render(plan, provenance, [.. deploy.Select(d => d.Path)])));
        output.AddBinary("plan.png", p => ChartStyle.Save(PlanChart.Draw(plan), p, provenance));
        foreach ((string deployed, string text) in deploy)
        {
            output.Add(deployed, w => w.Write(text));
        }
        IReadOnlyList<string> written = output.Commit();
        stdout.Write(style == PrintStyle.Json ? json + Environment.NewLine : table);
        Notes.Wrote(written, o.Quiet, stderr);
        return ExitCode.Ok;
    }

    /// <summary>--catalogue FILE, read now so a bad file is named before the search starts.</summary>
    private static NodeCatalogue CatalogueFile(string file)
    {
        if (file.Length == 0)
        {
            throw new UsageException("--catalogue: expected a file name, found an empty string");
        }
        if (Directory.Exists(file))
        {
            throw new UsageException($"--catalogue: '{file}' is a folder, not a file");
        }
        return File.Exists(file) ? NodeCatalogueReader.Read(file) : throw new UsageException($"--catalogue: no such file: '{file}'");
    }

    /// <summary>--slo a=1,b=2 as the overrides slo.a=1 and slo.b=2, which messages name as --slo a=1 and --slo b=2.</summary>
    private static IEnumerable<ScenarioOverride> SloOverrides(string? slo)
    {
        if (slo is null)
        {
            yield break;
        }
        foreach (string pair in slo.Split(',', StringSplitOptions.TrimEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new UsageException($"--slo: expected KEY=VALUE pairs separated by commas (e.g. ttft_p95_seconds=2,tpot_p95_ms=60), found '{pair}'");
            }
            yield return new ScenarioOverride($"slo.{pair[..eq].Trim()}", pair[(eq + 1)..]) { TypedAs = $"--slo {pair}" };
        }
    }

    private static IEnumerable<string> Bounded(string key, int? value, int max)
    {
        if (value is not { } v)
        {
            yield break;
        }
        if (v < 1 || v > max)
        {
            throw new UsageException($"--{key}: must be between 1 and {max:N0} (got {v})");
        }
        yield return $"plan.{key}={v}";
    }
}
