using FleetSim.Cli.Verbs;
using FleetSim.Reporting;
using FleetSim.Reporting.Charts;
using FleetSim.Traffic.Traces;

namespace FleetSim.Cli;

/// <summary>fleetsim trace summarize|fit FILE.</summary>
public static class TraceCommand
{
    public static int Execute(TraceVerbOptions o, TextWriter stdout, TextWriter stderr)
    {
        if (o.Action is not ("summarize" or "fit"))
        {
            throw new UsageException($"trace: expected 'summarize' or 'fit', found '{o.Action}'");
        }
        TraceFormat? format = o.Format switch
        {
            null => null,
            "azure" => TraceFormat.Azure,
            "burstgpt" => TraceFormat.BurstGpt,
            "mooncake" => TraceFormat.Mooncake,
            "per-minute" => TraceFormat.PerMinute,
            _ => throw new UsageException($"--format: expected azure, burstgpt, mooncake or per-minute, found '{o.Format}'"),
        };
        var output = new OutputDirectory(o.Out);
        TraceProfile profile = TraceProfile.Read(o.File, new TraceOptions(format, o.SkipBadRows));
        if (o.Action == "summarize")
        {
            string text = TraceSummary.Render(profile);
            output.Add("summary.txt", w => w.Write(text));
            output.AddBinary("profile.png", path => ChartStyle.Save(TraceProfileChart.Draw(profile), path));
            IReadOnlyList<string> written = output.Commit();
            stdout.Write(text);
            stdout.WriteLine($"  Wrote {string.Join(", ", written)}");
        }
        else
        {
            string yaml = TraceSummary.FitYaml(profile);
            output.Add("traffic.yaml", w => w.Write(yaml));
            output.Commit();
            stdout.Write(yaml);
        }
        return ExitCode.Ok;
    }
}
