namespace FleetSim.Traffic.Traces;

/// <summary>Per-minute aggregates: CSV minute,requests,input_tokens,output_tokens; a row is a minute's totals.</summary>
internal sealed class PerMinuteReader(string path) : RowReader(path)
{
    public static readonly string[] Columns = ["minute", "requests", "input_tokens", "output_tokens"];

    private int _minute, _requests, _input, _output;

    public override void ReadHeader(string line, long lineNumber)
    {
        int[] at = RequireAll(line, lineNumber, Columns);
        (_minute, _requests, _input, _output) = (at[0], at[1], at[2], at[3]);
    }

    protected override RawRow Parse(string line)
    {
        var fields = Split(line);
        var minute = Number(Field(fields, _minute, Columns[0]), Columns[0]);
        var text = Field(fields, _requests, Columns[1]);
        var requests = Tokens(text, Columns[1]);
        if (requests != Math.Floor(requests) || requests > int.MaxValue)
            throw new BadRowException($"column '{Columns[1]}': '{text}' is not a whole number of requests");
        var input = Tokens(fields, _input, Columns[2]);
        var output = Tokens(fields, _output, Columns[3]);
        return new RawRow(minute * 60, input, output, (int)requests, Spread: 60);
    }
}
