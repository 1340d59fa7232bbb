using System.Text.Json;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Reporting;
using FleetSim.Reporting.Charts;

namespace FleetSim.Cli;

/// <summary>What sweep and merge both write: runs.csv, summary.csv, sweep.png, sweep.json, and the table or JSON on stdout.</summary>
public static class SweepOutput
{
    private static readonly JsonSerializerOptions Json = FleetSim.Reporting.JsonNumbers.Options();

    public static void Write(string dir, SweepManifest manifest, IReadOnlyList<RunRecord> records, bool json, TextWriter stdout)
    {
        IReadOnlyList<SweepGroup> groups = SweepSummary.Of(records);
        var output = new OutputDirectory(dir);
        output.Add("runs.csv", w => SweepCsv.WriteRuns(records, w));
        output.Add("summary.csv", w => SweepCsv.WriteSummary(groups, w));
        output.Add("sweep.json", w => w.WriteLine(manifest.ToJson()));
        bool complete = manifest.Shard == "1/1";
        if (complete && groups.Count > 0)
        {
            output.AddBinary("sweep.png", path => ChartStyle.Save(SweepChart.Draw(groups), path));
        }
        IReadOnlyList<string> written = output.Commit();
        if (json)
        {
            var summary = groups.Select(g => new
            {
                g.GridIndex,
                g.Grid,
                g.Policy,
                g.Runs,
                g.TotalUsd,
                g.SavingsUsd,
                g.SavingsFraction,
                g.SpillShare,
                g.Utilization,
            });
            stdout.WriteLine(JsonSerializer.Serialize(new { manifest, groups = summary }, Json));
            return;
        }
        stdout.Write(SweepTable.Render(manifest.Scenario, manifest, groups));
        if (!complete)
        {
            stdout.WriteLine($"  Shard {manifest.Shard}: combine the shards with fleetsim merge to get the summary of the whole sweep.");
        }
        stdout.WriteLine($"  Wrote {string.Join(", ", written)}");
    }
}
