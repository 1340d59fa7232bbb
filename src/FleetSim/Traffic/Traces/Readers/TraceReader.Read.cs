namespace FleetSim.Traffic.Traces;

public static partial class TraceReader
{
    /// <summary>Timestamps may go back this far behind the latest row (slightly unsorted traces); further is a bad row.</summary>
    public const double MaxBackwardsSeconds = 3600;

    /// <summary>
    /// The trace's requests in file order, streamed line by line (constant memory), with
    /// <see cref="TraceRequest.Seconds"/> measured from the first request (which is at 0; a slightly
    /// unsorted later row may be a little negative). Updates <paramref name="stats"/> as it goes.
    /// The file and the format are checked at once; rows as they are enumerated. With no format given,
    /// a column mapping means the generic format, and otherwise the format is detected.
    /// </summary>
    public static IEnumerable<TraceRequest> Read(string path, TraceOptions options, TraceStats stats)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stats);
        if (!File.Exists(path)) throw new TraceException(path, 0, "no such file");
        var format = options.Format ?? (options.Columns is null ? Detect(path) : TraceFormat.Generic);
        var rows = CreateReader(format, path, options);
        stats.Format = format;
        return Stream(path, rows, options, stats);
    }

    private static RowReader CreateReader(TraceFormat format, string path, TraceOptions options) => format switch
    {
        TraceFormat.Azure => new AzureReader(path),
        TraceFormat.BurstGpt => new BurstGptReader(path),
        TraceFormat.Mooncake => new MooncakeReader(path),
        TraceFormat.PerMinute => new PerMinuteReader(path),
        TraceFormat.Generic => new GenericReader(path, options.Columns ?? throw new TraceException(path, 0,
            "the generic format needs its columns: give the column mapping (timestamp, input tokens, output tokens)")),
        _ => throw new ArgumentOutOfRangeException(nameof(options), format, "unknown trace format"),
    };

    private static IEnumerable<TraceRequest> Stream(string path, RowReader rows, TraceOptions options, TraceStats stats)
    {
        long lineNumber = 0;
        var headerRead = !rows.HasHeader;
        double? origin = null;
        var latest = double.NegativeInfinity;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (!headerRead)
            {
                rows.ReadHeader(line, lineNumber);
                headerRead = true;
                continue;
            }
            stats.Rows++;
            var why = rows.TryParse(line, out var row) ?? Backwards(row.Time, latest);
            if (why is not null)
            {
                if (!options.SkipBadRows) throw new TraceException(path, lineNumber, why);
                stats.BadRows++;
                continue;
            }
            latest = Math.Max(latest, row.Time);
            if (row.Failed && !options.IncludeFailed)
            {
                stats.FailedRequests++;
                continue;
            }
            origin ??= row.Time;
            stats.Requests += row.Count;
            yield return new TraceRequest(row.Time - origin.Value, row.Input, row.Output, row.Count, row.Cached, row.Spread);
        }
        if (!headerRead) throw new TraceException(path, 0, "empty file: no header");
    }

    private static string? Backwards(double time, double latest) =>
        time < latest - MaxBackwardsSeconds
            ? $"timestamp goes back {(latest - time) / 3600:0.##} h behind an earlier row (more than 1 h)"
            : null;
}
