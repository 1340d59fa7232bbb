using CommandLine;

namespace FleetSim.Cli.Verbs;

[Verb("trace", HelpText = "Read a request trace (Azure, BurstGPT, Mooncake, per-minute aggregates, LiteLLM spend logs, OpenAI usage exports; plain, .gz or .zst): 'trace summarize FILE' describes it and draws profile.png; 'trace fit FILE' writes the traffic: section of a scenario fitted from it.")]
public sealed class TraceVerbOptions
{
    [Value(0, MetaName = "ACTION", Required = true, HelpText = "summarize or fit.")]
    public string Action { get; set; } = "";

    [Value(1, MetaName = "FILE", Required = true, HelpText = "The trace file.")]
    public string File { get; set; } = "";

    [Option("input-format", MetaValue = "F", HelpText = "The trace's format: 'azure', 'burstgpt', 'mooncake', 'per-minute', 'litellm-spend-logs', 'openai-usage' or 'generic' (default: detected from the file's first line, or a JSON file's first records).")]
    public string? InputFormat { get; set; }

    /// <summary>
    /// Not a trace option (summarize prints its summary, fit its YAML): taken only to answer a trace format
    /// name given here with a pointer to --input-format, and anything else with what trace prints.
    /// </summary>
    [Option("format", Hidden = true)]
    public string? Format { get; set; }

    [Option("columns", MetaValue = "TIME,INPUT,OUTPUT[,UNIT]", HelpText = "A generic CSV's column names: timestamp (seconds × UNIT, default 1; or ISO date-times), input tokens, output tokens; e.g. --columns ts_ms,prompt,completion,0.001.")]
    public string? Columns { get; set; }

    [Option("timezone", MetaValue = "ZONE", HelpText = "The time zone of the trace's clock, an IANA name such as Europe/Berlin (default UTC): date-times with an offset are converted into it, date-times without one are read as its wall clock. Decides the clock hour and weekday the trace starts on.")]
    public string? TimeZone { get; set; }

    [Option("from", MetaValue = "TIME", HelpText = "With --to: the window the export covers, on the trace's clock (a date such as 2025-03-03, or 2025-03-03T09:00). Without them a trace runs from its first request to one gap past its last, so quiet ends (nights, weekends) of an export are cut off.")]
    public string? From { get; set; }

    [Option("to", MetaValue = "TIME", HelpText = "With --from: where the export's window ends (e.g. 2025-03-10 for a week from Monday 2025-03-03).")]
    public string? To { get; set; }

    [Option("model", MetaValue = "NAME", HelpText = "Keep only the rows of this model, for files that mix models (LiteLLM spend logs, usage exports).")]
    public string? Model { get; set; }

    [Option("include-failed", HelpText = "Keep failed requests (BurstGPT rows with no response tokens, LiteLLM calls with status failure), which are otherwise left out and counted.")]
    public bool IncludeFailed { get; set; }

    [Option("skip-bad-rows", HelpText = "Skip and count malformed rows instead of stopping at the first.")]
    public bool SkipBadRows { get; set; }

    [Option("scenario", MetaValue = "FILE", HelpText = "summarize: price the month at this scenario's API price (default: the built-in default scenario's, $0.317/M); the summary says which price it used.")]
    public string? Scenario { get; set; }

    [Option("quiet", HelpText = CommonHelp.Quiet)]
    public bool Quiet { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "summarize: where profile.png and summary.txt go; fit: where traffic.yaml goes (default: out/trace).")]
    public string Out { get; set; } = "out/trace";

    [Option("force", HelpText = CommonHelp.Force)]
    public bool Force { get; set; }

    public static IReadOnlyList<VerbExample> Examples =>
    [
        new("Describe a trace", "fleetsim trace summarize scenarios/traces/openai-usage-week.csv"),
        new("A scenario's traffic from it", "fleetsim trace fit scenarios/traces/openai-usage-week.csv --out out/fit"),
        new("A generic CSV with millisecond stamps", "fleetsim trace summarize requests.csv --input-format generic --columns ts_ms,prompt,completion,0.001 --out out/generic"),
    ];
}
