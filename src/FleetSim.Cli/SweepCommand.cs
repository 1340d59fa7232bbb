using FleetSim.Cli.Verbs;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Scaling;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>fleetsim sweep: Monte Carlo over seeds, crossed with a parameter grid.</summary>
public static class SweepCommand
{
    public static int Execute(SweepOptions o, TextWriter stdout, TextWriter stderr)
    {
        if (o.Runs < 1 || o.Runs > 10_000_000)
        {
            throw new UsageException($"--runs: expected 1 to 10,000,000 months, found {o.Runs}");
        }
        if (o.Threads is < 1 or > 1024)
        {
            throw new UsageException($"--threads: expected 1 to 1024, found {o.Threads}");
        }
        SweepShard shard;
        try
        {
            shard = o.Shard is null ? SweepShard.Whole : SweepShard.Parse(o.Shard);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
        string[]? policies = o.Policies?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        PolicyArguments.Check(policies);
        _ = new OutputDirectory(o.Out);
        string[] sets = [.. o.Sets];
        Func<IReadOnlyList<ScenarioOverride>, ScenarioSpec> load = ScenarioInput.Loader(o.Scenario);

        // Check the file and every grid point before the first month runs.
        var grid = new SweepGrid(sets);
        ScenarioSpec first = load(grid.Points[0].Overrides);
        foreach (GridPoint point in grid.Points.Skip(1))
        {
            load(point.Overrides);
        }
        int seed = o.Seed ?? first.Seed;
        if (seed < 0 || (long)seed + o.Runs > int.MaxValue)
        {
            throw new UsageException($"--seed: run r uses seed + r, so the seed must be from 0 to {int.MaxValue - o.Runs:N0} for {o.Runs:N0} runs (got {seed})");
        }
        IReadOnlyList<string> chosen = policies ?? first.Scaling.Policies;
        var spec = new SweepSpec(o.Runs, seed, sets, policies, o.Threads ?? Environment.ProcessorCount, shard);
        long items = (long)grid.Points.Count * chosen.Count * o.Runs;
        long mine = Count(items, shard);
        var bar = new ProgressBar(mine, stderr, enabled: !o.Json && !Console.IsErrorRedirected);
        IReadOnlyList<RunRecord> records = SweepRunner.Run(spec, load, bar.Report);
        bar.Finish();
        string hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join('\n', Reporting.Report.ScenarioAssumptions.Of(first).Select(a => $"{a.Key}={a.Value}")))))[..16];
        var manifest = new SweepManifest(first.Name, hash, o.Runs, seed, sets, [.. chosen], items, shard.ToString());
        SweepOutput.Write(o.Out, manifest, records, o.Json, stdout);
        return ExitCode.Ok;
    }

    private static long Count(long items, SweepShard shard) => items / shard.Count + (items % shard.Count >= shard.Index ? 1 : 0);
}
