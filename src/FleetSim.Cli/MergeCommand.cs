using FleetSim.Cli.Verbs;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Reporting;

namespace FleetSim.Cli;

/// <summary>fleetsim merge: sweep shards back into one sweep, checked for completeness.</summary>
public static class MergeCommand
{
    public static int Execute(MergeOptions o, TextWriter stdout, TextWriter stderr)
    {
        PrintStyle style = PrintStyles.Of(o.Format, o.Json, PrintStyle.Table, PrintStyle.Json);
        string[] dirs = [.. o.Directories];
        if (dirs.Length == 0)
        {
            throw new UsageException("merge: name the shard folders to combine");
        }
        // Into a shard folder is refused first, even with --force: it would overwrite a shard being read.
        OutputDirectory.CheckName(o.Out);
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(o.Out));
        foreach (string dir in dirs)
        {
            string input = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
            if (target == input || target.StartsWith(input + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new UsageException($"--out {o.Out}: is the shard folder {dir} or inside it; merging there would overwrite a shard, so write elsewhere");
            }
        }
        _ = new OutputDirectory(o.Out, SweepOutput.Files, o.Force);
        SweepManifest? first = null;
        var records = new List<RunRecord>();
        foreach (string dir in dirs)
        {
            string manifestPath = Path.Combine(dir, "sweep.json"), runsPath = Path.Combine(dir, "runs.csv");
            if (!File.Exists(manifestPath) || !File.Exists(runsPath))
            {
                throw new UsageException($"{dir}: not a sweep output folder (needs sweep.json and runs.csv)");
            }
            SweepManifest manifest;
            try
            {
                manifest = SweepManifest.Read(manifestPath);
                records.AddRange(SweepCsv.ReadRuns(runsPath));
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }
            if (first is null)
            {
                first = manifest;
            }
            else if (!first.SameSweep(manifest))
            {
                throw new UsageException($"{dir}: belongs to another sweep than {dirs[0]} (scenario, runs, seed, grid or policies differ)");
            }
        }
        var seen = new HashSet<long>();
        foreach (RunRecord r in records)
        {
            if (!seen.Add(r.Item))
            {
                throw new UsageException($"run {r.Item} appears in more than one shard: was a shard given twice?");
            }
        }
        if (seen.Count != first!.Items)
        {
            throw new UsageException($"the shards hold {seen.Count:N0} of the sweep's {first.Items:N0} runs: a shard is missing");
        }
        var provenance = new Reporting.Provenance(Invocation.Version, Invocation.Command, first.Sets, first.Seed,
                                                  SweepOutput.ScenarioSha256(Path.Combine(dirs[0], "sweep.json")) ?? "unknown", Invocation.Now());
        SweepOutput.Write(o.Out, first with { Shard = "1/1" }, records, provenance, new SweepOutput.Printing(style, o.Quiet, o.Force, stdout, stderr));
        return ExitCode.Ok;
    }
}
