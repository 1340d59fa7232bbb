using System.Globalization;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// A per-request CSV with a column mapping. Timestamps are numbers (scaled to seconds by the mapping's
/// unit) or ISO 8601 date-times; the first row decides which, and every later row must agree.
/// </summary>
internal sealed class GenericReader(string path, GenericColumns columns) : RowReader(path)
{
    private readonly TickClock _clock = new();
    private int _time, _input, _output;
    private bool? _dates;

    public override void ReadHeader(string line, long lineNumber)
    {
        int[] at = RequireAll(line, lineNumber, columns.Timestamp, columns.InputTokens, columns.OutputTokens);
        (_time, _input, _output) = (at[0], at[1], at[2]);
    }

    protected override RawRow Parse(string line)
    {
        var fields = Split(line);
        var time = Seconds(Field(fields, _time, columns.Timestamp));
        var input = Tokens(fields, _input, columns.InputTokens);
        var output = Tokens(fields, _output, columns.OutputTokens);
        return new RawRow(time, input, output);
    }

    private double Seconds(string stamp)
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
