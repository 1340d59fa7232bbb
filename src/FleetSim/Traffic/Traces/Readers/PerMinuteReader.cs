using System.Text;

namespace FleetSim.Traffic.Traces;

/// <summary>Per-minute aggregates: CSV minute,requests,input_tokens,output_tokens; a row is a minute's totals.</summary>
internal sealed class PerMinuteReader(string path) : RowReader(path)
{
    public static readonly string[] Columns = ["minute", "requests", "input_tokens", "output_tokens"];

    private int[] _at = [];

    public override void ReadHeader(TraceHeader header) => _at = header.Require(Columns);

    protected override RawRow Parse(ReadOnlySpan<byte> record)
    {
        var fields = Split(record);
        var minute = fields.Number(_at[0], Columns[0]);
        var requests = fields.Tokens(_at[1], Columns[1]);
        if (requests != Math.Floor(requests) || requests > int.MaxValue)
            throw new BadRowException($"column '{Columns[1]}': '{Encoding.UTF8.GetString(fields.Field(_at[1], Columns[1]))}' is not a whole number of requests");
        var input = fields.Tokens(_at[2], Columns[2]);
        var output = fields.Tokens(_at[3], Columns[3]);
        return new RawRow(OffsetTicks(minute * 60, Columns[0]), input, output, (int)requests, Spread: 60);
    }
}
