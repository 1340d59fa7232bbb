using CommandLine;
using CommandLine.Text;

namespace FleetSim.Cli.Verbs;

[Verb("trace", HelpText = "Read a request trace (Azure, BurstGPT, Mooncake, per-minute aggregates, LiteLLM spend logs, OpenAI usage exports; plain, .gz or .zst): 'trace summarize FILE' describes it and draws profile.png; 'trace fit FILE' writes the traffic: section of a scenario fitted from it.")]
public sealed class TraceVerbOptions
{
    [Value(0, MetaName = "ACTION", Required = true, HelpText = "summarize or fit.")]
    public string Action { get; set; } = "";

    [Value(1, MetaName = "FILE", Required = true, HelpText = "The trace file.")]
    public string File { get; set; } = "";

    [Option("format", HelpText = "'azure', 'burstgpt', 'mooncake', 'per-minute', 'litellm-spend-logs', 'openai-usage' or 'generic' (default: detected from the file's first line, or a JSON file's first records).")]
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

    [Option("out", MetaValue = "DIR", HelpText = "summarize: where profile.png and summary.txt go; fit: where traffic.yaml goes (default: out/trace).")]
    public string Out { get; set; } = "out/trace";

    [Usage(ApplicationAlias = "fleetsim")]
    public static IEnumerable<Example> Examples =>
    [
        new("Describe a trace", new TraceVerbOptions { Action = "summarize", File = "AzureLLMInferenceTrace_code.csv" }),
        new("A scenario's traffic from it", new TraceVerbOptions { Action = "fit", File = "AzureLLMInferenceTrace_code.csv" }),
    ];
}
