using FleetSim.Cli.Verbs;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Reporting;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>fleetsim run: simulate, print the bill, optionally write files.</summary>
public static class RunCommand
{
    public static int Execute(RunOptions o, TextWriter stdout, TextWriter stderr)
    {
        var sets = o.Sets.ToList();
        if (o.Seed is { } seed)
        {
            if (seed < 0)
            {
                throw new UsageException($"--seed: must be at least 0 (got {seed})");
            }
            sets.Add($"seed={seed}");
        }
        OutputDirectory? output = o.Out is null ? null : new OutputDirectory(o.Out);
        ScenarioSpec scenario = ScenarioInput.Load(o.Scenario, sets);

        ScenarioRun run = ScenarioRun.Of(scenario, Engine(o.Engine));
        BillSummary summary = BillSummary.Of(run) with { Provenance = Invocation.For(scenario, o.Scenario, sets) };
        string table = BillTable.Render(run);
        string json = BillJson.Serialize(summary);

        IReadOnlyList<string> written = [];
        if (output is not null)
        {
            output.Add("bill.json", w => w.WriteLine(json));
            output.Add("bill.txt", w => w.Write(table));
            output.Add("minutes.csv", w =>
            {
                if (run.Requests is { } requests)
                {
                    MinuteCsv.Write(requests, w);
                }
                else
                {
                    MinuteCsv.Write(run.Minutes!, w);
                }
            });
            written = output.Commit();
        }
        stdout.Write(o.Json ? json + Environment.NewLine : table);
        if (!o.Json && written.Count > 0)
        {
            stdout.WriteLine($"  Wrote {string.Join(", ", written)}");
        }
        return ExitCode.Ok;
    }

    private static EngineChoice Engine(string? engine) => engine switch
    {
        null or "auto" => EngineChoice.Auto,
        "minute" => EngineChoice.Minute,
        "request" => EngineChoice.Request,
        _ => throw new UsageException($"--engine: expected 'minute' or 'request', found '{engine}'"),
    };
}
