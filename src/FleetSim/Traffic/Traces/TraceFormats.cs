namespace FleetSim.Traffic.Traces;

/// <summary>
/// Trace format names as users write them (fleetsim trace --format, a scenario's traffic.trace_format):
/// the one list that parsing and error messages read, and that the --format help and docs/traces.md
/// are tested against.
/// </summary>
public static class TraceFormats
{
    private static readonly (string Name, TraceFormat Format)[] Table =
    [
        ("azure", TraceFormat.Azure),
        ("burstgpt", TraceFormat.BurstGpt),
        ("mooncake", TraceFormat.Mooncake),
        ("per-minute", TraceFormat.PerMinute),
        ("generic", TraceFormat.Generic),
    ];

    /// <summary>Every format's name, in the order help and messages list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>The format named <paramref name="name"/>, or null when the name is not one of <see cref="Names"/>.</summary>
    public static TraceFormat? Parse(string name)
    {
        foreach (var (known, format) in Table)
        {
            if (known == name)
            {
                return format;
            }
        }
        return null;
    }

    /// <summary>The name users write for <paramref name="format"/>.</summary>
    public static string Name(TraceFormat format) => Table.First(t => t.Format == format).Name;

    /// <summary>
    /// "expected 'azure', 'burstgpt', 'mooncake', 'per-minute' or 'generic', found '<paramref name="found"/>'";
    /// the caller says where (the scenario's file:line, or the flag).
    /// </summary>
    public static string Unknown(string found) =>
        $"expected {string.Join(", ", Names.SkipLast(1).Select(n => $"'{n}'"))} or '{Names[^1]}', found '{found}'";
}
