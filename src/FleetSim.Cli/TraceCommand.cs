using FleetSim.Cli.Verbs;
using FleetSim.Reporting;
using FleetSim.Reporting.Charts;
using FleetSim.Scenario;
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
        if (o.Format is not null)
        {
            throw new UsageException(TraceFormats.Parse(o.Format) is null
                ? $"--format: trace prints one thing (summarize its summary, fit its YAML), so it takes no --format; a trace's own format is --input-format"
                : $"--format: '{o.Format}' is a trace input format: use --input-format {o.Format}");
        }
        TraceFormat? format = o.InputFormat is null ? null
            : TraceFormats.Parse(o.InputFormat) ?? throw new UsageException($"--input-format: {TraceFormats.Unknown(o.InputFormat)}");
        GenericColumns? columns = o.Columns is null ? null : ParseColumns(o.Columns);
        if (o.Scenario is not null && o.Action != "summarize")
        {
            throw new UsageException("--scenario: prices the summary's month, so it goes with trace summarize only");
        }
        var output = new OutputDirectory(o.Out, o.Action == "summarize" ? SummarizeFiles : FitFiles, o.Force);
        (double price, string priceSource) = o.Action == "summarize" ? ApiPrice(o.Scenario) : (0, "");
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
        // The trace's SHA-256 for the output's provenance, and (summarize draws a chart) the drawing library
        // loaded, on a spare core while the trace is read.
        Task<FileProvenance> provenance = Task.Run(() =>
        {
            if (o.Action == "summarize")
            {
                ChartStyle.WarmUp();
            }
            return Invocation.ForFiles([o.File]);
        });
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
            string text = TraceSummary.Render(profile, price, priceSource);
            FileProvenance made = provenance.GetAwaiter().GetResult();
            output.Add("summary.txt", w => w.Write(text));
            output.AddBinary("profile.png", path => File.WriteAllBytes(path, PngText.With(ChartPng.Encode(TraceProfileChart.Draw(profile)), made)));
            IReadOnlyList<string> written = output.Commit();
            stdout.Write(text);
            Notes.Wrote(written, o.Quiet, stderr);
        }
        else
        {
            string yaml = TraceSummary.FitYaml(profile, provenance.GetAwaiter().GetResult());
            output.Add("traffic.yaml", w => w.Write(yaml));
            IReadOnlyList<string> written = output.Commit();
            stdout.Write(yaml);
            Notes.Wrote(written, o.Quiet, stderr);
        }
        return ExitCode.Ok;
    }

    /// <summary>The files summarize writes into --out.</summary>
    public static readonly string[] SummarizeFiles = ["summary.txt", "profile.png"];

    /// <summary>The file fit writes into --out.</summary>
    public static readonly string[] FitFiles = ["traffic.yaml"];

    /// <summary>
    /// The API's $ per million tokens the summary prices the month at: <paramref name="scenario"/>'s (for a typed
    /// price sheet, at the scenario's own request mix), else the built-in default scenario's; and whose it is.
    /// </summary>
    private static (double UsdPerMillion, string Source) ApiPrice(string? scenario)
    {
        ScenarioSpec s = ScenarioInput.Load(scenario, []);
        double price = new Pricing.ScenarioPrices(s).ApiPerMillion.Value;
        string whose = scenario is null ? "the built-in default scenario's API price; --scenario FILE for yours" : $"the API price of {scenario}";
        return (price, s.Api.Price.IsTyped ? whose + " at its request mix" : whose);
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
