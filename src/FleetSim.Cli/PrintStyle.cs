using FleetSim.Traffic.Traces;

namespace FleetSim.Cli;

/// <summary>What a verb prints on stdout: --format table|md|json (--json is --format json).</summary>
public enum PrintStyle
{
    /// <summary>--format table: the terminal table (the default).</summary>
    Table,

    /// <summary>--format md: Markdown (tiers).</summary>
    Markdown,

    /// <summary>--format json (or --json): one JSON object, snake_case, provenance first.</summary>
    Json,
}

/// <summary>Reads --format and --json into one <see cref="PrintStyle"/>, the same way on every verb.</summary>
public static class PrintStyles
{
    private static readonly (string Name, PrintStyle Style)[] Names = [("table", PrintStyle.Table), ("md", PrintStyle.Markdown), ("json", PrintStyle.Json)];

    /// <summary>The name --format takes for <paramref name="style"/>: table, md or json.</summary>
    public static string Name(PrintStyle style) => Names.First(n => n.Style == style).Name;

    /// <summary>
    /// The style <paramref name="format"/> (null: not given) and <paramref name="json"/> ask for; table when neither.
    /// </summary>
    /// <exception cref="UsageException">
    /// The name is not one of <paramref name="allowed"/> (a trace input format name is pointed to --input-format),
    /// or --json is given with another --format.
    /// </exception>
    public static PrintStyle Of(string? format, bool json, params PrintStyle[] allowed)
    {
        PrintStyle? style = null;
        foreach (var (name, s) in Names)
        {
            style = name == format ? s : style;
        }
        if (format is not null && (style is null || !allowed.Contains(style.Value)))
        {
            throw new UsageException($"--format: expected {string.Join(allowed.Length == 2 ? " or " : ", ", allowed.Select(a => $"'{Name(a)}'"))}, found '{format}'{TraceHint(format)}");
        }
        if (json && style is { } other && other != PrintStyle.Json)
        {
            throw new UsageException($"--json: is --format json, so it cannot go with --format {format}");
        }
        return json ? PrintStyle.Json : style ?? PrintStyle.Table;
    }

    /// <summary>"; 'x' is a trace input format: use --input-format x" when <paramref name="format"/> names one, else empty.</summary>
    public static string TraceHint(string format) =>
        TraceFormats.Parse(format) is null ? "" : $"; '{format}' is a trace input format: use --input-format {format}";
}
