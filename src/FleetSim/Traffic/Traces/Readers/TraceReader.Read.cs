using System.Text;

namespace FleetSim.Traffic.Traces;

public static partial class TraceReader
{
    /// <summary>Timestamps may go back this far behind the latest row (slightly unsorted traces); further is a bad row.</summary>
    public const double MaxBackwardsSeconds = 3600;

    /// <summary>
    /// The trace's requests in file order, streamed block by block (constant memory), with
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
        rows.Model = options.Model;
        stats.Format = format;
        return ModelFilter.Around(path, format, rows, options, stats, Stream(path, rows, options, stats));
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
            "the generic format needs its columns: give the column mapping (timestamp, input tokens, output tokens)")),
        _ => throw new ArgumentOutOfRangeException(nameof(options), format, "unknown trace format"),
    };

    private static IEnumerable<TraceRequest> Stream(string path, RowReader rows, TraceOptions options, TraceStats stats)
    {
        using ITraceRecords lines = rows is JsonRowReader json ? json.Records() : TraceFile.Lines(path, rows.IsCsv);
        var headerRead = !rows.HasHeader;
        long? origin = null;
        var latest = long.MinValue;
        while (true)
        {
            string? why;
            RawRow row;
            {
                if (!lines.Next(out var record)) break;
                if (!headerRead)
                {
                    rows.ReadHeader(TraceHeader.Of(path, lines.Line, Encoding.UTF8.GetString(record)));
                    headerRead = true;
                    continue;
                }
                stats.Rows++;
                why = rows.TryParse(record, out row);
            }
            if (why is null && row.OtherModel)
            {
                stats.OtherModelRows++;
                continue;
            }
            why ??= Backwards(row.Ticks, latest);
            if (why is not null)
            {
                if (!options.SkipBadRows) throw new TraceException(path, lines.Line, why);
                stats.BadRows++;
                continue;
            }
            latest = Math.Max(latest, row.Ticks);
            if (row.Failed && !options.IncludeFailed)
            {
                stats.FailedRequests++;
                continue;
            }
            origin ??= row.Ticks;
            stats.Requests += row.Count;
            yield return new TraceRequest((row.Ticks - origin.Value) / (double)TimeSpan.TicksPerSecond, row.Input, row.Output,
                                          row.Count, row.Cached, row.Spread);
        }
        if (!headerRead) throw new TraceException(path, 0, "empty file: no header");
    }

    private static string? Backwards(long ticks, long latest) =>
        latest != long.MinValue && ticks < latest - (long)(MaxBackwardsSeconds * TimeSpan.TicksPerSecond)
            ? $"timestamp goes back {(latest - ticks) / (double)TimeSpan.TicksPerHour:0.##} h behind an earlier row (more than 1 h)"
            : null;
}
