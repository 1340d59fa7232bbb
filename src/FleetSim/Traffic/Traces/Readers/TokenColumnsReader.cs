namespace FleetSim.Traffic.Traces;

/// <summary>
/// A per-request CSV read by three named columns: a timestamp, input tokens and output tokens. The
/// formats differ only in how a timestamp becomes seconds and whether a row counts as failed.
/// </summary>
internal abstract class TokenColumnsReader(string path, string time, string input, string output) : RowReader(path)
{
    private int _time, _input, _output;

    protected string TimeColumn { get; } = time;

    public sealed override void ReadHeader(string line, long lineNumber)
    {
        int[] at = RequireAll(line, lineNumber, TimeColumn, input, output);
        (_time, _input, _output) = (at[0], at[1], at[2]);
    }

    protected sealed override RawRow Parse(string line)
    {
        var fields = Split(line);
        double seconds = Seconds(Field(fields, _time, TimeColumn));
        double inputTokens = Tokens(fields, _input, input);
        double outputTokens = Tokens(fields, _output, output);
        return new RawRow(seconds, inputTokens, outputTokens, Failed: IsFailed(outputTokens));
    }

    /// <summary>The row's time in seconds; throws <see cref="BadRowException"/> naming <see cref="TimeColumn"/> when it is not one.</summary>
    protected abstract double Seconds(string stamp);

    protected virtual bool IsFailed(double outputTokens) => false;
}
