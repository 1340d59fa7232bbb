using System.Text;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// A per-request CSV with a column mapping. Timestamps are numbers (seconds, or scaled by the mapping's
/// unit) or ISO 8601 date-times; the first row decides which, and every later row must agree.
/// </summary>
internal sealed class GenericReader(string path, GenericColumns columns)
    : TokenColumnsReader(path, columns.Timestamp, columns.InputTokens, columns.OutputTokens)
{
    private bool? _dates;

    protected override long Ticks(ReadOnlySpan<byte> stamp)
    {
        if (_dates != true && Numbers.TryParse(stamp, out var number))
        {
            _dates = false;
            return OffsetTicks(number * columns.TimestampUnit, TimeColumn);
        }
        if (_dates != false && DateTimes.TryParse(stamp, out _, out _))
        {
            _dates = true;
            return DateTicks(stamp, TimeColumn);
        }
        var wanted = _dates == true ? "an ISO 8601 date-time" : "a number";
        throw new BadRowException($"column '{TimeColumn}': '{Encoding.UTF8.GetString(stamp)}' is not {wanted}");
    }
}
