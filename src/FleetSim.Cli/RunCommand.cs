using FleetSim.Cli.Verbs;
using FleetSim.Engine;
using FleetSim.Reporting;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>fleetsim run: simulate, print the bill, optionally write files.</summary>
public static class RunCommand
{
    public static int Execute(RunOptions o, TextWriter stdout, TextWriter stderr)
    {
        var sets = o.Sets.ToList();
        if (o.Router is not null)
        {
            if (o.Router is not ("spill" or "fluid"))
            {
                throw new UsageException($"--router: expected 'spill' or 'fluid', found '{o.Router}'");
            }
            sets.Add($"router.mode={o.Router}");
        }
        OutputDirectory? output = o.Out is null ? null : new OutputDirectory(o.Out);
        ScenarioSpec scenario = ScenarioInput.Load(o.Scenario, sets);

        ScenarioRun run = ScenarioRun.Of(scenario);
        BillSummary summary = BillSummary.Of(run);
        string table = BillTable.Render(run);
        string json = BillJson.Serialize(summary);

        stdout.Write(o.Json ? json + Environment.NewLine : table);
        if (output is not null)
        {
            output.Add("bill.json", w => w.WriteLine(json));
            output.Add("bill.txt", w => w.Write(table));
            output.Add("minutes.csv", w => MinuteCsv.Write(run.Run, w));
            IReadOnlyList<string> written = output.Commit();
            if (!o.Json)
            {
                stdout.WriteLine($"  Wrote {string.Join(", ", written)}");
            }
        }
        return ExitCode.Ok;
    }
}
