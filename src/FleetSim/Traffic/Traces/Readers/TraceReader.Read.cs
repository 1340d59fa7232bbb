namespace FleetSim.Traffic.Traces;

public static partial class TraceReader
{
    /// <summary>
    /// Rows may come up to this far behind the latest row and are put back in time order; further is a bad
    /// row ("out of order by ...").
    /// </summary>
    public const double MaxBackwardsSeconds = 3600;

    /// <summary>The most rows held for reordering at once; past it the earliest go on early, so memory stays bounded.</summary>
    public const int MaxReorderRows = 4_000_000;

    /// <summary>
    /// The trace's requests in time order, streamed block by block in memory bounded by the rows of one
    /// reorder window (<see cref="MaxBackwardsSeconds"/>), with <see cref="TraceRequest.Seconds"/> measured from
    /// the earliest request (0 for it; never negative). Rows out of order by up to the window are sorted
    /// (counted in <see cref="TraceStats.ReorderedRows"/>); further is a bad row. Updates
    /// <paramref name="stats"/> as it goes. The file and the format are checked at once; rows as they are
    /// enumerated. With no format given, a column mapping means the generic format, and otherwise the
    /// format is detected.
    /// </summary>
    public static IEnumerable<TraceRequest> Read(string path, TraceOptions options, TraceStats stats)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stats);
        if (!File.Exists(path)) throw new TraceException(path, 0, Directory.Exists(path) ? "is a folder, not a trace file" : "no such file");
        var format = options.Format ?? (options.Columns is null ? Detect(path) : TraceFormat.Generic);
        var rows = CreateReader(format, path, options);
        rows.Model = options.Model;
        stats.Format = format;
        var windowTicks = (long)(MaxBackwardsSeconds * TimeSpan.TicksPerSecond);
        return ModelFilter.Around(path, format, rows, options, stats,
            new TraceRequests(() => new OrderedRows(path, rows, options, stats, windowTicks, MaxReorderRows)));
    }

    private static RowReader CreateReader(TraceFormat format, string path, TraceOptions options) => format switch
    {
        TraceFormat.Azure => new AzureReader(path),
        TraceFormat.BurstGpt => new BurstGptReader(path),
        TraceFormat.Mooncake => new MooncakeReader(path),
        TraceFormat.PerMinute => new PerMinuteReader(path),
        TraceFormat.LiteLlmSpendLogs => LiteLlmSpendLogs.Reader(path),
        TraceFormat.OpenAiUsage => OpenAiUsage.Reader(path),
        TraceFormat.Generic => new GenericReader(path, options.Columns ?? throw new TraceException(path, 0,
            "the generic format needs its columns: name the timestamp, input-token and output-token columns")
        { Option = "columns" }),
        _ => throw new ArgumentOutOfRangeException(nameof(options), format, "unknown trace format"),
    };
}
