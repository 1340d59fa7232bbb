using FleetSim.Cli.Verbs;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Reporting;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>fleetsim run: simulate, print the bill, optionally write files.</summary>
public static class RunCommand
{
    /// <summary>The files --out DIR receives.</summary>
    public static readonly string[] Files = ["bill.json", "bill.txt", "minutes.csv"];

    public static int Execute(RunOptions o, TextWriter stdout, TextWriter stderr)
    {
        PrintStyle style = PrintStyles.Of(o.Format, o.Json, PrintStyle.Table, PrintStyle.Json);
        string[] sets = SeedArgument.Apply(o.Seed, o.Sets);
        EngineChoice engine = Engine(o.Engine);
        OutputDirectory? output = o.Out is null ? null : new OutputDirectory(o.Out, Files, o.Force);
        ScenarioSpec scenario = ScenarioInput.Load(o.Scenario, sets);

        ScenarioRun run = ScenarioRun.Of(scenario, engine);
        // Each form is made only if it is printed or written: a short run's time is mostly its start-up (issue 19).
        var table = new Lazy<string>(() => BillTable.Render(run));
        var json = new Lazy<string>(() => BillJson.Serialize(BillSummary.Of(run) with { Provenance = Invocation.For(scenario, o.Scenario, sets) }));

        if (output is not null)
        {
            output.Add("bill.json", w => w.WriteLine(json.Value));
            output.Add("bill.txt", w => w.Write(table.Value));
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
        }
        IReadOnlyList<string> written = output?.Commit() ?? [];
        stdout.Write(style == PrintStyle.Json ? json.Value + Environment.NewLine : table.Value);
        Notes.Wrote(written, o.Quiet, stderr);
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
