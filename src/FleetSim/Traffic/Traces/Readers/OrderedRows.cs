using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using FleetSim.Scenario;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// A trace file's requests in time order, a batch at a time: takes the rows <see cref="ParsedRows"/> parses
/// on its own thread, stops at or skips and counts a row too far out of order, leaves out failed requests,
/// puts the rest back in order within the <see cref="ReorderWindow"/> and measures them from the earliest.
/// Keeps <see cref="TraceStats"/> up to date.
/// </summary>
internal sealed class OrderedRows : IDisposable
{
    private readonly TraceOptions _options;
    private readonly TraceStats _stats;
    private readonly ParsedRows _parsed;
    private readonly ReorderWindow _window;
    private RowBatch? _batch;
    private int _next;
    private bool _ended, _dated, _zoned, _hasOrigin;
    private long _origin;
    private long? _firstTicks;
    private long _latestLine;
    private readonly long _windowTicks;
    // A row stamped more than the window after every row before it, held back until the next row says
    // whether the trace really resumes there (a gap) or goes on where it was (a mistyped stamp).
    private (RawRow Row, long Line, long PreviousLine)? _jump;

    public OrderedRows(string path, RowReader rows, TraceOptions options, TraceStats stats, long windowTicks, int maxHeld)
    {
        _options = options;
        _stats = stats;
        ITraceRecords lines = rows is JsonRowReader json ? json.Records() : TraceFile.Lines(path, rows.IsCsv);
        stats.Compression = lines.Compression;
        _parsed = new ParsedRows(path, lines, rows, options.SkipBadRows);
        _window = new ReorderWindow(windowTicks, maxHeld);
        _windowTicks = windowTicks;
    }

    /// <summary>Fills <paramref name="requests"/> with the next requests in time order; how many (0 at the end of the file).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Fill(TraceRequest[] requests)
    {
        var n = 0;
        while (n < requests.Length)
        {
            if (_window.TryTake(_ended && _jump is null, out var row))
            {
                requests[n++] = Emit(row);
                continue;
            }
            if (_ended && _jump is { } last)
            {
                // The file ended after the jump: nothing says it was wrong, so the trace ends after a gap.
                _jump = null;
                AdmitNow(last.Row, last.Line);
                continue;
            }
            if (_ended) break;
            if (_batch is null || _next == _batch.Count)
            {
                NextBatch();
                continue;
            }
            Admit(_batch.Rows[_next], _batch.Lines[_next]);
            _next++;
        }
        return n;
    }

    /// <summary>Moves on to the next parsed batch, counting what it met; at the end of the file, notes it (or throws what stopped the read).</summary>
    private void NextBatch()
    {
        if (_batch is not null)
        {
            if (_batch.Error is not null) ExceptionDispatchInfo.Throw(_batch.Error);
            if (_batch.End)
            {
                _ended = true;
                return;
            }
            _parsed.Return(_batch);
        }
        _batch = _parsed.Take();
        _next = 0;
        _stats.Rows += _batch.RowsRead;
        _stats.BadRows += _batch.BadRows;
        _stats.OtherModelRows += _batch.OtherModelRows;
        _dated = _batch.Dated;
        _zoned = _batch.Zoned;
        _stats.StampsHaveZone = _zoned;
    }

    /// <summary>Processed tokens one request may carry: more than any model's context window (10M tokens) is a typo or a unit error.</summary>
    public const double MaxTokensPerRequest = InputLimits.MaxTokensPerRequest;

    /// <summary>How far from the first row's stamp a row may be: five years of 365 days.</summary>
    public const long MaxSpanTicks = InputLimits.MaxTraceSpanTicks;

    /// <summary>Why a row's numbers cannot be a real request's, or null.</summary>
    private string? Implausible(in RawRow row)
    {
        if (row.OtherModel)
        {
            return null;
        }
        _firstTicks ??= row.Ticks;
        double tokens = row.Input + row.Output;
        if (row.Count == 0 && tokens > 0)
        {
            return $"{tokens:G} tokens with no requests";
        }
        if (row.Count > 0 && tokens / row.Count > MaxTokensPerRequest)
        {
            return $"{tokens / row.Count:G} tokens per request, more than any model's context ({MaxTokensPerRequest:N0}): a typo or a unit error?";
        }
        double perMinute = tokens / Math.Max(1, row.Spread / 60);
        if (perMinute > InputLimits.MaxTokensPerMinute)
        {
            return $"{perMinute:G4} tokens in a minute, more than the {InputLimits.MaxTokensPerMinute:0.#E+0} a trace may carry in one (about 17 billion tok/s, far above any fleet): a typo or a unit error?";
        }
        long apart = Math.Abs(row.Ticks - _firstTicks.Value);
        return apart > MaxSpanTicks
            ? $"stamped {apart / (365.0 * TimeSpan.TicksPerDay):0.#} years from the first row: a trace spans at most {InputLimits.MaxTraceSpanYears} years (a typo, or timestamps in another unit?)"
            : null;
    }

    /// <summary>Puts a parsed row in the window, or counts it as too far out of order (or stops there), or as a failed request.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Admit(in RawRow row, long line)
    {
        if (_jump is { } jump)
        {
            _jump = null;
            if (row.Ticks < jump.Row.Ticks - _windowTicks && row.Ticks >= _window.Latest - _windowTicks)
            {
                // The row after goes on where the rows before it were: the jump was a mistyped stamp.
                string why = $"stamped {Apart(jump.Row.Ticks - _window.Latest)} after the latest row before it (line {jump.PreviousLine}), " +
                             $"and the row after it (line {line}) goes on from there: a mistyped stamp?";
                if (!_options.SkipBadRows) throw _parsed.Fail(jump.Line, why);
                _stats.BadRows++;
            }
            else
            {
                AdmitNow(jump.Row, jump.Line);
            }
        }
        if (!row.OtherModel && _window.Latest != long.MinValue && row.Ticks > _window.Latest + _windowTicks && Implausible(row) is null)
        {
            _jump = (row, line, _latestLine);
            return;
        }
        AdmitNow(row, line);
    }

    private static string Apart(long ticks)
    {
        double hours = ticks / (double)TimeSpan.TicksPerHour;
        return hours >= 48 ? $"{hours / 24:0.#} days" : $"{hours:0.#} h";
    }

    private void AdmitNow(in RawRow row, long line)
    {
        long latestBefore = _window.Latest;
        long behind = 0;
        var why = Implausible(row) ?? _window.Admit(row.Ticks, out behind);
        if (why is null && row.Ticks > latestBefore)
        {
            _latestLine = line;
        }
        else if (why is not null && _window.Latest > row.Ticks && _latestLine > 0)
        {
            why += $" (the latest stamp so far is on line {_latestLine}: if that one is wrong, fix it instead)";
        }
        if (why is not null)
        {
            if (!_options.SkipBadRows) throw _parsed.Fail(line, why);
            _stats.BadRows++;
            return;
        }
        if (behind > 0)
        {
            _stats.ReorderedRows++;
            _stats.MaxReorderSeconds = Math.Max(_stats.MaxReorderSeconds, behind / (double)TimeSpan.TicksPerSecond);
        }
        if (row.Failed && !_options.IncludeFailed)
        {
            _stats.FailedRequests++;
            return;
        }
        if (row.CacheHit)
        {
            _stats.ResponseCacheHits++;
            return;
        }
        _window.Add(row);
    }

    /// <summary>The request of a row released in time order; the first sets the origin (and, for dated stamps, its instant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TraceRequest Emit(in RawRow row)
    {
        if (!_hasOrigin)
        {
            _hasOrigin = true;
            _origin = row.Ticks;
            _stats.OriginUtcTicks = _dated ? row.Ticks : null;
        }
        _stats.Requests += row.Count;
        return new TraceRequest((row.Ticks - _origin) / (double)TimeSpan.TicksPerSecond, row.Input, row.Output, row.Count, row.Cached, row.Spread);
    }

    public void Dispose() => _parsed.Dispose();
}
