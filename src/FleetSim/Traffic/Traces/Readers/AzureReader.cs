namespace FleetSim.Traffic.Traces;

/// <summary>Azure LLM inference traces: CSV TIMESTAMP,ContextTokens,GeneratedTokens, date-time stamps.</summary>
internal sealed class AzureReader(string path) : TokenColumnsReader(path, Columns[0], Columns[1], Columns[2])
{
    public static readonly string[] Columns = ["TIMESTAMP", "ContextTokens", "GeneratedTokens"];

    protected override long Ticks(ReadOnlySpan<byte> stamp) => DateTicks(stamp, TimeColumn);
}
