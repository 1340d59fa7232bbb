namespace FleetSim.Traffic.Traces;

/// <summary>
/// Trace format names as users write them (fleetsim trace --format, a scenario's traffic.trace_format):
/// the one list that parsing and error messages read, and that the --format help and docs/traces.md
/// are tested against.
/// </summary>
public static class TraceFormats
{
    private static readonly Scenario.Vocabulary<TraceFormat> Table = new(
        ("azure", TraceFormat.Azure),
        ("burstgpt", TraceFormat.BurstGpt),
        ("mooncake", TraceFormat.Mooncake),
        ("per-minute", TraceFormat.PerMinute),
        ("litellm-spend-logs", TraceFormat.LiteLlmSpendLogs),
        ("openai-usage", TraceFormat.OpenAiUsage),
        ("generic", TraceFormat.Generic));

    /// <summary>Every name, in the order help and messages list them.</summary>
    public static IReadOnlyList<string> Names => Table.Names;

    /// <summary>The value named <paramref name="name"/>, or null when the name is not one of <see cref="Names"/>.</summary>
    public static TraceFormat? Parse(string name) => Table.Parse(name);

    /// <summary>The name users write for <paramref name="format"/>.</summary>
    public static string Name(TraceFormat format) => Table.Name(format);

    /// <summary>"expected {the names}, found '<paramref name="found"/>'"; the caller says where (the scenario's file:line, or the flag).</summary>
    public static string Unknown(string found) => Table.Unknown(found);
}
