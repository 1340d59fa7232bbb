namespace FleetSim.Traffic.Traces;

/// <summary>
/// BurstGPT: CSV with Timestamp (seconds from the trace start), Request tokens and Response tokens among
/// other columns, read by name; 0 response tokens marks a failed request.
/// </summary>
internal sealed class BurstGptReader(string path) : TokenColumnsReader(path, Columns[0], Columns[1], Columns[2])
{
    public static readonly string[] Columns = ["Timestamp", "Request tokens", "Response tokens"];

    protected override long Ticks(ReadOnlySpan<byte> stamp) => OffsetTicks(Number(stamp, TimeColumn), TimeColumn);

    protected override bool IsFailed(double outputTokens) => outputTokens == 0;
}
