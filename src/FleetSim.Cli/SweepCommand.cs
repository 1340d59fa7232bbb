using FleetSim.Cli.Verbs;
using FleetSim.Runs;
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
        PrintStyle style = PrintStyles.Of(o.Format, o.Json, PrintStyle.Table, PrintStyle.Json);
        string[]? policies = PolicyArguments.Parse(o.Policies);
        _ = new OutputDirectory(o.Out, SweepOutput.Files, o.Force);
        string[] sets = [.. o.Sets];
        Func<IReadOnlyList<ScenarioOverride>, ScenarioSpec> load = ScenarioInput.Loader(o.Scenario);

        // Count the grid before building it: axes that multiply to billions of points are refused, not expanded.
        long points = GridPoints(sets);
        CheckSize(points, policies?.Length ?? 1, o.Runs, shard.Count, o.Force);

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
        IReadOnlyList<string> chosen = policies ?? PolicyComparison.DefaultPolicies(first);
        CheckSize(points, chosen.Count, o.Runs, shard.Count, o.Force);
        var spec = new SweepSpec(o.Runs, seed, sets, policies, o.Threads ?? Environment.ProcessorCount, shard);
        long items = (long)grid.Points.Count * chosen.Count * o.Runs;
        long mine = Count(items, shard);
        var bar = new ProgressBar(mine, stderr, enabled: style != PrintStyle.Json && !o.Quiet && !Console.IsErrorRedirected);
        IReadOnlyList<RunRecord> records = SweepRunner.Run(spec, load, bar.Report);
        bar.Finish();
        string hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join('\n', Reporting.Report.ScenarioAssumptions.Of(first).Select(a => $"{a.Key}={a.Value}")))))[..16];
        var manifest = new SweepManifest(first.Name, hash, o.Runs, seed, sets, [.. chosen], items, shard.ToString());
        SweepOutput.Write(o.Out, manifest, records, Invocation.For(first, o.Scenario, sets) with { Seed = seed },
                          new SweepOutput.Printing(style, o.Quiet, o.Force, stdout, stderr));
        return ExitCode.Ok;
    }

    /// <summary>How many points the --set axes multiply to (saturating at long.MaxValue), without expanding them.</summary>
    public static long GridPoints(IEnumerable<string> sets)
    {
        long points = 1;
        foreach (string set in sets)
        {
            long values = SweepGrid.SplitTopLevel(ScenarioOverride.Parse(set).Value).Length;
            points = points > long.MaxValue / values ? long.MaxValue : points * values;
        }
        return points;
    }

    /// <summary>
    /// Refuses a grid of more than <see cref="InputLimits.MaxGridPoints"/> points, and a sweep of more than
    /// <see cref="InputLimits.MaxSweepRuns"/> simulated months in this process (its share of <paramref name="shards"/>) unless
    /// <paramref name="force"/>; the message names the count and the limit.
    /// </summary>
    public static void CheckSize(long points, int policies, int runs, int shards, bool force)
    {
        if (points > InputLimits.MaxGridPoints)
        {
            throw new UsageException(
                $"--set: the grid's axes multiply to {Count(points)} points, more than the {InputLimits.MaxGridPoints:N0} a sweep may have (even with --force); shorten the axes or sweep them in parts");
        }
        long months = points * policies * (long)runs;
        long here = (months + shards - 1) / shards;
        if (here > InputLimits.MaxSweepRuns && !force)
        {
            string share = shards == 1 ? "" : $" ({here:N0} in this shard of {shards})";
            throw new UsageException(
                $"--runs: {points:N0} grid point{(points == 1 ? "" : "s")} × {policies} polic{(policies == 1 ? "y" : "ies")} × {runs:N0} runs is {months:N0} simulated months{share}, " +
                $"more than the {InputLimits.MaxSweepRuns:N0} one sweep process runs without --force; add --force if you mean it, or split it with --shard i/N");
        }
    }

    private static string Count(long n) => n == long.MaxValue ? "more than 9.2e18" : $"{n:N0}";

    private static long Count(long items, SweepShard shard) => items / shard.Count + (items % shard.Count >= shard.Index ? 1 : 0);
}
