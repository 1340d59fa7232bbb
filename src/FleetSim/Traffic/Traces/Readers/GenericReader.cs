using System.Runtime.CompilerServices;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// A per-request CSV with a column mapping. Timestamps are numbers (seconds, or scaled by the mapping's
/// unit) or ISO 8601 date-times; the first row decides which, and every later row must agree. A first
/// number of at least <see cref="UnixFrom"/> seconds is Unix time (the trace is dated, in UTC): no trace of
/// offsets from its own start runs for 30 years.
/// </summary>
internal sealed class GenericReader(string path, GenericColumns columns)
    : TokenColumnsReader(path, columns.Timestamp, columns.InputTokens, columns.OutputTokens)
{
    /// <summary>2000-01-01 00:00 UTC in Unix seconds: numeric stamps from here on are Unix time.</summary>
    public const double UnixFrom = 946_684_800;

    private bool? _dates;
    private bool? _unix;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override long Ticks(ReadOnlySpan<byte> stamp)
    {
        if (_dates != true && Numbers.TryParse(stamp, out var number))
        {
            _dates = false;
            double seconds = number * columns.TimestampUnit;
            _unix ??= seconds >= UnixFrom;
            return _unix.Value ? UnixTicks(seconds, TimeColumn) : OffsetTicks(seconds, TimeColumn);
        }
        if (_dates != false && IsDate(stamp))
        {
            _dates = true;
            return DateTicks(stamp, TimeColumn);
        }
        var wanted = _dates == true ? "an ISO 8601 date-time" : "a number";
        throw BadRowException.Value(TimeColumn, stamp, wanted);
    }
}
