using System.Text;

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
        stats.Compression = lines.Compression;
        var headerRead = !rows.HasHeader;
        var window = new ReorderWindow((long)(MaxBackwardsSeconds * TimeSpan.TicksPerSecond), MaxReorderRows);
        long? origin = null;
        while (true)
        {
            string? why;
            RawRow row;
            {
                if (!lines.Next(out var record)) break;
                if (!headerRead)
                {
                    try
                    {
                        rows.ReadHeader(TraceHeader.Of(path, lines.Line, Encoding.UTF8.GetString(record)));
                    }
                    catch (TraceException e)
                    {
                        throw lines.Fail(e);
                    }
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
            long behind = 0;
            why ??= window.Admit(row.Ticks, out behind);
            if (why is not null)
            {
                if (!options.SkipBadRows) throw lines.Fail(lines.Line, why);
                stats.BadRows++;
                continue;
            }
            if (behind > 0)
            {
                stats.ReorderedRows++;
                stats.MaxReorderSeconds = Math.Max(stats.MaxReorderSeconds, behind / (double)TimeSpan.TicksPerSecond);
            }
            if (row.Failed && !options.IncludeFailed)
            {
                stats.FailedRequests++;
                continue;
            }
            window.Add(row);
            while (window.TryTake(draining: false, out var next)) yield return Emit(next, rows, stats, ref origin);
        }
        if (!headerRead) throw new TraceException(path, 0, "empty file: no header");
        while (window.TryTake(draining: true, out var next)) yield return Emit(next, rows, stats, ref origin);
        stats.StampsHaveZone = rows.StampsHaveZone;
    }

    /// <summary>The request of a row released in time order; the first sets the origin (and, for dated stamps, its instant).</summary>
    private static TraceRequest Emit(in RawRow row, RowReader rows, TraceStats stats, ref long? origin)
    {
        if (origin is null)
        {
            origin = row.Ticks;
            stats.OriginUtcTicks = rows.Dated ? row.Ticks : null;
            stats.StampsHaveZone = rows.StampsHaveZone;
        }
        stats.Requests += row.Count;
        return new TraceRequest((row.Ticks - origin.Value) / (double)TimeSpan.TicksPerSecond, row.Input, row.Output,
                                row.Count, row.Cached, row.Spread);
    }
}
