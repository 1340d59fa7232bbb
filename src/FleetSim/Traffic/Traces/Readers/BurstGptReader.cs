namespace FleetSim.Traffic.Traces;

/// <summary>
/// BurstGPT: CSV with Timestamp (seconds from the trace start), Request tokens and Response tokens among
/// other columns, read by name; 0 response tokens marks a failed request.
/// </summary>
internal sealed class BurstGptReader(string path) : RowReader(path)
{
    public static readonly string[] Columns = ["Timestamp", "Request tokens", "Response tokens"];

    private int _time, _input, _output;

    public override void ReadHeader(string line, long lineNumber)
    {
        int[] at = RequireAll(line, lineNumber, Columns);
        (_time, _input, _output) = (at[0], at[1], at[2]);
    }

    protected override RawRow Parse(string line)
    {
        var fields = Split(line);
        var time = Number(Field(fields, _time, Columns[0]), Columns[0]);
        var input = Tokens(fields, _input, Columns[1]);
        var output = Tokens(fields, _output, Columns[2]);
        return new RawRow(time, input, output, Failed: output == 0);
    }
}
