namespace FleetSim.Traffic.Traces;

/// <summary>
/// One row of a trace: a request (or, for per-minute aggregates, <see cref="Count"/> requests whose
/// token counts are summed), at <see cref="Seconds"/> from the trace's first row.
/// </summary>
public readonly record struct TraceRequest(double Seconds, double InputTokens, double OutputTokens, int Count = 1)
{
    public double ProcessedTokens => InputTokens + OutputTokens;
}
