namespace FleetSim.Traffic.Traces;

/// <summary>Azure LLM inference traces: CSV TIMESTAMP,ContextTokens,GeneratedTokens, date-time stamps.</summary>
internal sealed class AzureReader(string path) : RowReader(path)
{
    public static readonly string[] Columns = ["TIMESTAMP", "ContextTokens", "GeneratedTokens"];

    private readonly TickClock _clock = new();
    private int _time, _input, _output;

    public override void ReadHeader(string line, long lineNumber)
    {
        int[] at = RequireAll(line, lineNumber, Columns);
        (_time, _input, _output) = (at[0], at[1], at[2]);
    }

    protected override RawRow Parse(string line)
    {
        var fields = Split(line);
        var stamp = Field(fields, _time, Columns[0]);
        if (!DateTimes.TryParse(stamp, out var ticks))
            throw new BadRowException($"column '{Columns[0]}': '{stamp}' is not a date-time");
        var input = Tokens(fields, _input, Columns[1]);
        var output = Tokens(fields, _output, Columns[2]);
        return new RawRow(_clock.Seconds(ticks), input, output);
    }
}
