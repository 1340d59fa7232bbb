using System.Globalization;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// A per-request CSV with a column mapping. Timestamps are numbers (scaled to seconds by the mapping's
/// unit) or ISO 8601 date-times; the first row decides which, and every later row must agree.
/// </summary>
internal sealed class GenericReader(string path, GenericColumns columns)
    : TokenColumnsReader(path, columns.Timestamp, columns.InputTokens, columns.OutputTokens)
{
    private readonly TickClock _clock = new();
    private bool? _dates;

    protected override double Seconds(string stamp)
    {
        var isNumber = double.TryParse(stamp, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        var isDate = !isNumber && DateTimes.TryParse(stamp, out _);
        _dates ??= isDate ? true : isNumber ? false : null;
        if (_dates == false && isNumber && double.IsFinite(number)) return number * columns.TimestampUnit;
        if (_dates == true && DateTimes.TryParse(stamp, out var ticks)) return _clock.Seconds(ticks);
        var wanted = _dates == true ? "an ISO 8601 date-time" : "a number";
        throw new BadRowException($"column '{columns.Timestamp}': '{stamp}' is not {wanted}");
    }
}
