using System.Text.Json;
using System.Text.Json.Nodes;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Reporting;
using FleetSim.Reporting.Charts;

namespace FleetSim.Cli;

/// <summary>What sweep and merge both write: runs.csv, summary.csv, sweep.png, sweep.json, and the table or JSON on stdout.</summary>
public static class SweepOutput
{
    private const string Runs = "runs.csv", Summary = "summary.csv", Manifest = "sweep.json", Chart = "sweep.png";

    /// <summary>The files a sweep or merge writes (sweep.png only for a whole sweep).</summary>
    public static readonly string[] Files = [Runs, Summary, Manifest, Chart];

    private static readonly JsonSerializerOptions Json = FleetSim.Reporting.JsonNumbers.Options();

    /// <summary>How sweep or merge prints: the style asked for, --quiet, --force (overwrite), and where.</summary>
    public sealed record Printing(PrintStyle Style, bool Quiet, bool Force, TextWriter Stdout, TextWriter Stderr);

    /// <summary>
    /// Writes the sweep's files into <paramref name="dir"/> (all or nothing) and prints its table or JSON; sweep.json
    /// is the manifest with <paramref name="provenance"/> beside it, which <see cref="SweepManifest.Read"/> passes over.
    /// The "Wrote" line and a shard's hint go to stderr (not with --quiet).
    /// </summary>
    public static void Write(string dir, SweepManifest manifest, IReadOnlyList<RunRecord> records, Provenance provenance, Printing print)
    {
        IReadOnlyList<SweepGroup> groups = SweepSummary.Of(records);
        TextWriter stdout = print.Stdout;
        var output = new OutputDirectory(dir, Files, print.Force);
        output.Add(Runs, w => SweepCsv.WriteRuns(records, w));
        output.Add(Summary, w => SweepCsv.WriteSummary(groups, w));
        output.Add(Manifest, w => w.WriteLine(ManifestWith(manifest, provenance)));
        bool complete = manifest.Shard == "1/1";
        if (complete && groups.Count > 0)
        {
            output.AddBinary(Chart, path => ChartStyle.Save(SweepChart.Draw(groups), path, provenance));
        }
        IReadOnlyList<string> written = output.Commit();
        if (print.Style == PrintStyle.Json)
        {
            stdout.WriteLine(JsonNumbers.Write(new SweepJson(provenance, manifest, [.. groups.Select(SweepGroupJson.Of)]), Json));
        }
        else
        {
            stdout.Write(SweepTable.Render(manifest.Scenario, manifest, groups));
        }
        if (!complete)
        {
            Notes.Hint($"  Shard {manifest.Shard}: combine the shards with fleetsim merge to get the summary of the whole sweep.", print.Quiet, print.Stderr);
        }
        Notes.Wrote(written, print.Quiet, print.Stderr);
    }

    /// <summary>The scenario hash a shard's sweep.json records in its provenance, or null (a shard from before provenance).</summary>
    public static string? ScenarioSha256(string manifestPath)
    {
        string text = FleetSim.Scenario.InputLimits.ReadText(manifestPath, FleetSim.Scenario.InputLimits.MaxSweepManifestBytes, "a sweep.json");
        return JsonNode.Parse(text)?["provenance"]?["scenario_sha256"]?.GetValue<string>();
    }

    private static string ManifestWith(SweepManifest manifest, Provenance provenance)
    {
        var body = JsonNode.Parse(manifest.ToJson())!.AsObject();
        var withProvenance = new JsonObject { ["provenance"] = JsonNumbers.Node(provenance, Json) };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            withProvenance[key] = value;
        }
        return withProvenance.ToJsonString(Json);
    }
}
