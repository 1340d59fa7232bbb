using System.Runtime.CompilerServices;
using System.Text;
using FleetSim.Scenario;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// One data row as a format reader returns it. <paramref name="Ticks"/> is the row's time in 100 ns ticks:
/// for a dated stamp its UTC instant (from <see cref="RowReader.DateTicks"/> or <see cref="RowReader.UnixTicks"/>),
/// for an offset stamp the offset from the file's own zero (from <see cref="RowReader.OffsetTicks"/>); the
/// stream measures every row from the earliest one. Input tokens include <paramref name="Cached"/>;
/// <paramref name="Count"/> is how many requests the row stands for, spread over <paramref name="Spread"/>
/// seconds (aggregate rows); <paramref name="Failed"/> marks a failed request (BurstGPT);
/// <paramref name="OtherModel"/> marks a row of a model other than the one asked for (see <see cref="OfOtherModel"/>);
/// <paramref name="CacheHit"/> marks a call a gateway answered from its own response cache (LiteLLM), which reached no model.
/// </summary>
internal readonly record struct RawRow(long Ticks, double Input, double Output, int Count = 1, bool Failed = false,
                                       double Cached = 0, double Spread = 0, bool OtherModel = false, bool CacheHit = false)
{
    /// <summary>What a reader returns for a row of another model than <see cref="RowReader.Model"/> whose time it has not read: left out and counted in TraceStats.OtherModelRows.</summary>
    public static RawRow OfOtherModel { get; } = new(0, 0, 0, Count: 0, OtherModel: true);

    /// <summary>
    /// A row of another model at <paramref name="ticks"/> (over <paramref name="spread"/> seconds): counted in
    /// TraceStats.OtherModelRows, its tokens left out, but its time kept as covered, so that a filtered export still
    /// spans what the export spans (a bucket or a call of another model says the log covers that time).
    /// </summary>
    public static RawRow OfOtherModelAt(long ticks, double spread = 0) => new(ticks, 0, 0, Count: 0, Spread: spread, OtherModel: true);

    /// <summary>True for a row of another model that still marks its time as covered (see <see cref="OfOtherModelAt"/>).</summary>
    public bool KeepsTime => OtherModel && Ticks != 0;
}

/// <summary>A malformed data row; the message names the column and the value ("column 'X': 'v' is not a number").</summary>
internal sealed class BadRowException(string why) : Exception(why)
{
    /// <summary>"column 'COLUMN': 'VALUE' is not WHAT" (built out of line, so hot parsing code stays small: <c>throw BadRowException.Value(...)</c>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static BadRowException Value(string column, ReadOnlySpan<byte> text, string what) =>
        new($"column '{column}': '{Encoding.UTF8.GetString(text)}' is not {what}");

    /// <summary>"column 'COLUMN' missing (the row has N fields)".</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static BadRowException Missing(string column, int fields) => new($"column '{column}' missing (the row has {fields} fields)");

    /// <summary>"column 'COLUMN': VALUE is negative".</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static BadRowException Negative(string column, ReadOnlySpan<byte> text) =>
        new($"column '{column}': {Encoding.UTF8.GetString(text)} is negative");

    /// <summary>"column 'COLUMN': SECONDS s is WHAT".</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static BadRowException Seconds(string column, double seconds, string what) => new($"column '{column}': {seconds} s is {what}");
}

/// <summary>
/// What every format reader derives from. The stream (TraceReader.Read) owns the file: it opens it (plain,
/// gzip or zstd), drops a byte-order mark, blank lines and line ends, and hands the reader
/// <list type="number">
/// <item>the header, once, as a <see cref="TraceHeader"/> (formats with <see cref="HasHeader"/>): look up the
/// columns there with <see cref="TraceHeader.Require(string[])"/> (a missing one stops the read naming it)
/// or <see cref="TraceHeader.Find"/> (optional columns, -1 when absent), and keep the indexes;</item>
/// <item>each data record, as its UTF-8 bytes (<see cref="Parse"/>): for CSV formats (<see cref="IsCsv"/>) one
/// record, which may run over several lines inside a quoted field (RFC 4180); for JSON lines, one line.
/// The span is only valid during the call: keep numbers, never the span.</item>
/// </list>
/// A CSV reader splits the record with <see cref="Split"/> and reads fields from the <see cref="CsvFields"/>
/// it returns: <see cref="CsvFields.Number"/>, <see cref="CsvFields.Tokens"/> (finite, non-negative),
/// <see cref="CsvFields.TokensOrZero"/> (an optional column: index -1 or an empty field is 0),
/// <see cref="CsvFields.Field"/> (the raw bytes) and <see cref="CsvFields.Text"/> (a string; allocates).
/// Times go through <see cref="DateTicks"/> (a date-time stamp: marks the trace dated and notes whether
/// stamps carry a zone), <see cref="UnixTicks"/> (seconds since 1970-01-01 UTC: dated, zoned) or
/// <see cref="OffsetTicks"/> (seconds from the trace's own zero: undated). Anything malformed throws
/// <see cref="BadRowException"/> with "column 'NAME': 'VALUE' is not ..." (the helpers do); the stream adds
/// file:line (the record's first line) and either stops or, with SkipBadRows, skips and counts it.
/// A reader with a model column checks it with <see cref="IsOtherModel"/> (false when no model was asked
/// for, <see cref="Model"/> null; compared trimmed and ASCII case-insensitively) and returns
/// <see cref="RawRow.OfOtherModel"/> for such a row before reading its other fields; the stream counts it in
/// TraceStats.OtherModelRows. Rows may come in any order within an hour: the stream sorts them.
/// </summary>
internal abstract class RowReader(string path)
{
    private readonly CsvSplitter _splitter = new();
    private readonly IsoStamps _iso = new();
    private byte[]? _modelUtf8;

    /// <summary>The file read, for messages.</summary>
    protected string Path { get; } = path;

    /// <summary>False for formats without a header line (JSON lines).</summary>
    public virtual bool HasHeader => true;

    /// <summary>True when records are CSV, so a quoted field may hold line ends; false for JSON lines.</summary>
    public virtual bool IsCsv => HasHeader;

    /// <summary>The model asked for (TraceOptions.Model), or null for every model; set by the stream before the first row.</summary>
    public string? Model
    {
        get;
        set
        {
            field = value;
            _modelUtf8 = value is null ? null : Encoding.UTF8.GetBytes(value.Trim());
        }
    }

    /// <summary>True once a stamp was read with <see cref="DateTicks"/> or <see cref="UnixTicks"/>: the ticks are UTC instants.</summary>
    public bool Dated { get; private set; }

    /// <summary>True when a dated stamp carried a zone or offset (or was a Unix time).</summary>
    public bool StampsHaveZone { get; private set; }

    /// <summary>Reads the header; throws a <see cref="TraceException"/> (via <see cref="TraceHeader.Require(string[])"/>) when a needed column is missing.</summary>
    public virtual void ReadHeader(TraceHeader header)
    {
    }

    /// <summary>Null and the row, or why the record is malformed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? TryParse(ReadOnlySpan<byte> record, out RawRow row)
    {
        try
        {
            row = Parse(record);
            return null;
        }
        catch (BadRowException bad)
        {
            row = default;
            return bad.Message;
        }
    }

    /// <summary>The row of one data record (UTF-8, no line end); throws <see cref="BadRowException"/> when it is malformed.</summary>
    protected abstract RawRow Parse(ReadOnlySpan<byte> record);

    /// <summary>The record's CSV fields: commas, double-quoted fields ("" inside is a quote), each trimmed. Valid until the next call.</summary>
    protected CsvFields Split(ReadOnlySpan<byte> record) => _splitter.Split(record);

    /// <summary>True when a model was asked for and <paramref name="model"/> (a model column's field) is another one.</summary>
    protected bool IsOtherModel(ReadOnlySpan<byte> model)
    {
        if (_modelUtf8 is null) return false;
        model = Blanks.Trim(model);
        return !(model.SequenceEqual(_modelUtf8) || System.Text.Ascii.EqualsIgnoreCase(model, _modelUtf8));
    }

    /// <summary>UTC ticks of the first instant a dated stamp may be (<see cref="InputLimits.EarliestStampYear"/>).</summary>
    private static readonly long EarliestTicks = new DateTime(InputLimits.EarliestStampYear, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>UTC ticks just past the last instant a dated stamp may be (the end of <see cref="InputLimits.LatestStampYear"/>).</summary>
    private static readonly long LatestTicks = new DateTime(InputLimits.LatestStampYear + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>A date-time stamp's UTC instant in ticks (see <see cref="DateTimes"/> for the forms read); marks the trace dated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected long DateTicks(ReadOnlySpan<byte> text, string column)
    {
        if (!DateTimes.TryParse(text, _iso, out var ticks, out var zoned))
            throw BadRowException.Value(column, text, "a date-time");
        if (ticks < EarliestTicks || ticks >= LatestTicks) throw OutOfYears(column, text);
        Dated = true;
        StampsHaveZone |= zoned;
        return ticks;
    }

    /// <summary>True when <paramref name="text"/> is a date-time stamp <see cref="DateTicks"/> reads (it marks nothing).</summary>
    protected bool IsDate(ReadOnlySpan<byte> text) => DateTimes.TryParse(text, _iso, out _, out _);

    /// <summary>Seconds since 1970-01-01 UTC as UTC ticks; marks the trace dated (and zoned).</summary>
    protected long UnixTicks(double seconds, string column)
    {
        var since = Math.Abs(seconds) < 9e11 ? (long)Math.Round(seconds * TimeSpan.TicksPerSecond) : long.MaxValue / 2;
        var ticks = since + DateTime.UnixEpoch.Ticks;
        if (ticks < EarliestTicks || ticks >= LatestTicks)
            throw OutOfYears(column, Encoding.UTF8.GetBytes(seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        Dated = true;
        StampsHaveZone = true;
        return ticks;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static BadRowException OutOfYears(string column, ReadOnlySpan<byte> text) =>
        BadRowException.Value(column, text, $"a date from {InputLimits.EarliestStampYear} to {InputLimits.LatestStampYear} (a typo, or a stamp in another unit?)");

    /// <summary>
    /// Seconds from the trace's own zero as ticks (rounded to 100 ns); an undated trace starts at its zero, so a stamp
    /// further from it than a trace may span (<see cref="InputLimits.MaxTraceSpanYears"/> years) is refused.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static long OffsetTicks(double seconds, string column) =>
        Math.Abs(seconds) <= MaxOffsetSeconds
            ? (long)Math.Round(seconds * TimeSpan.TicksPerSecond)
            : throw BadRowException.Seconds(column, seconds,
                $"{Years(Math.Abs(seconds))} years from the trace's start (0): a trace spans at most {InputLimits.MaxTraceSpanYears} years (a typo, or a stamp in another unit?)");

    /// <summary>Seconds as years of 365 days for a message: 17123.3, or 3.17E+289 when that would be a wall of digits.</summary>
    private static string Years(double seconds)
    {
        double years = seconds / (365.0 * 86_400);
        return years < 1e6
            ? years.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)
            : years.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How far an undated stamp may be from the trace's zero, in seconds.</summary>
    private const double MaxOffsetSeconds = InputLimits.MaxTraceSpanTicks / (double)TimeSpan.TicksPerSecond;

    /// <summary>A finite number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static double Number(ReadOnlySpan<byte> text, string column) =>
        Numbers.TryParse(text, out var value)
            ? value
            : throw BadRowException.Value(column, text, "a number");

    /// <summary>A token count: a finite, non-negative number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static double Tokens(ReadOnlySpan<byte> text, string column)
    {
        var value = Number(text, column);
        return value >= 0 ? value : throw BadRowException.Negative(column, text);
    }

    /// <summary>The fields of one CSV record, read by the index a <see cref="TraceHeader"/> gave and named in messages by the column.</summary>
    protected internal readonly ref struct CsvFields(ReadOnlySpan<byte> record, ReadOnlySpan<byte> scratch, ReadOnlySpan<int> bounds)
    {
        private readonly ReadOnlySpan<byte> _record = record, _scratch = scratch;
        private readonly ReadOnlySpan<int> _bounds = bounds;

        /// <summary>How many fields the record has.</summary>
        public int Count => _bounds.Length / 2;

        /// <summary>The field's bytes (trimmed, unquoted); a <see cref="BadRowException"/> when the record is too short.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ReadOnlySpan<byte> Field(int index, string column)
        {
            if ((uint)index >= (uint)Count) throw BadRowException.Missing(column, Count);
            var start = _bounds[2 * index];
            var length = _bounds[2 * index + 1];
            return start >= 0 ? _record.Slice(start, length) : _scratch.Slice(~start, length);
        }

        /// <summary>The field as a string (allocates: for rare use such as names in messages).</summary>
        public string Text(int index, string column) => Encoding.UTF8.GetString(Field(index, column));

        /// <summary>The field as a finite number.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Number(int index, string column) => RowReader.Number(Field(index, column), column);

        /// <summary>The field as a token count (finite, non-negative).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Tokens(int index, string column) => RowReader.Tokens(Field(index, column), column);

        /// <summary>An optional token column: 0 when the column is absent (index -1), the row is short of it, or the field is empty.</summary>
        public double TokensOrZero(int index, string column)
        {
            if (index < 0 || index >= Count) return 0;
            var text = Field(index, column);
            return text.IsEmpty ? 0 : RowReader.Tokens(text, column);
        }
    }
}
