namespace FleetSim.Traffic.Traces;

/// <summary>
/// A per-request CSV read by three named columns: a timestamp, input tokens and output tokens. The
/// formats differ only in how a timestamp becomes ticks and whether a row counts as failed.
/// </summary>
internal abstract class TokenColumnsReader(string path, string time, string input, string output) : RowReader(path)
{
    private int _time, _input, _output;

    protected string TimeColumn { get; } = time;

    public sealed override void ReadHeader(TraceHeader header) => (_time, _input, _output) = (header.Require(TimeColumn), header.Require(input), header.Require(output));

    protected sealed override RawRow Parse(ReadOnlySpan<byte> record)
    {
        var fields = Split(record);
        var ticks = Ticks(fields.Field(_time, TimeColumn));
        var inputTokens = fields.Tokens(_input, input);
        var outputTokens = fields.Tokens(_output, output);
        return new RawRow(ticks, inputTokens, outputTokens, Failed: IsFailed(outputTokens));
    }

    /// <summary>The row's time in ticks (see <see cref="RawRow"/>); throws <see cref="BadRowException"/> naming <see cref="TimeColumn"/> when it is not one.</summary>
    protected abstract long Ticks(ReadOnlySpan<byte> stamp);

    protected virtual bool IsFailed(double outputTokens) => false;
}
