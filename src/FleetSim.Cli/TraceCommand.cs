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
        TraceFormat? format = o.Format is null ? null
            : TraceFormats.Parse(o.Format) ?? throw new UsageException($"--format: {TraceFormats.Unknown(o.Format)}");
        GenericColumns? columns = o.Columns is null ? null : ParseColumns(o.Columns);
        var output = new OutputDirectory(o.Out);
        if (o.TimeZone is not null)
        {
            try
            {
                TraceClock.Find(o.TimeZone);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--timezone: {e.Message}");
            }
        }
        TraceWindow? window = null;
        if (o.From is not null || o.To is not null)
        {
            if (o.From is null || o.To is null)
            {
                throw new UsageException($"{(o.From is null ? "--to" : "--from")}: goes with {(o.From is null ? "--from" : "--to")}; give both ends of the export's window");
            }
            (window, string? problem) = TraceWindow.Parse(o.From, o.To);
            if (problem is not null)
            {
                throw new UsageException($"--from/--to: {problem}");
            }
        }
        // summarize draws a chart: load the drawing library on a spare core while the trace is read.
        Task warmUp = o.Action == "summarize" ? Task.Run(ChartStyle.WarmUp) : Task.CompletedTask;
        TraceProfile profile;
        try
        {
            profile = TraceProfile.Read(o.File, new TraceOptions(format, o.SkipBadRows, columns, o.IncludeFailed, o.Model), o.TimeZone, window);
        }
        catch (TraceException e) when (e.Option is { } option)
        {
            throw new UsageException($"{(option == "window" ? "--from/--to" : "--" + option)}: {e.Message}");
        }
        if (o.Action == "summarize")
        {
            warmUp.Wait();
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

    private static GenericColumns ParseColumns(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        double unit = 1;
        if (parts.Length is < 3 or > 4 || parts[..3].Any(p => p.Length == 0) ||
            (parts.Length == 4 && (!Scenario.YamlNumbers.TryParse(parts[3], out unit) || !(unit >= 1e-9 && unit <= 1e6))))
        {
            throw new UsageException($"--columns: expected TIME,INPUT,OUTPUT[,UNIT] with UNIT the seconds of one timestamp step, from 1e-9 (nanoseconds) to 1e6, " +
                                     $"for example ts_ms,prompt,completion,0.001 (got '{text}')");
        }
        return new GenericColumns(parts[0], parts[1], parts[2], unit);
    }
}
