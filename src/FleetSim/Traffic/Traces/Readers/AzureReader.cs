namespace FleetSim.Traffic.Traces;

/// <summary>Azure LLM inference traces: CSV TIMESTAMP,ContextTokens,GeneratedTokens, date-time stamps.</summary>
internal sealed class AzureReader(string path) : TokenColumnsReader(path, Columns[0], Columns[1], Columns[2])
{
    public static readonly string[] Columns = ["TIMESTAMP", "ContextTokens", "GeneratedTokens"];

    private readonly TickClock _clock = new();

    protected override double Seconds(string stamp) =>
        DateTimes.TryParse(stamp, out var ticks)
            ? _clock.Seconds(ticks)
            : throw new BadRowException($"column '{TimeColumn}': '{stamp}' is not a date-time");
}
