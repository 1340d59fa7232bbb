namespace FleetSim.Traffic.Traces;

/// <summary>
/// One row of a trace: a request (or, for an aggregate row, <see cref="Count"/> requests whose token
/// counts are summed), at <see cref="Seconds"/> from the trace's earliest row. Rows come in time order.
/// </summary>
/// <param name="Seconds">Seconds from the earliest row's time (0 for that row; never negative).</param>
/// <param name="InputTokens">Prompt tokens, cached ones included.</param>
/// <param name="OutputTokens">Generated tokens.</param>
/// <param name="Count">Requests the row stands for (1 for a per-request row).</param>
/// <param name="CachedInputTokens">The part of <paramref name="InputTokens"/> read from a prompt cache (0 when the format does not record it).</param>
/// <param name="SpreadSeconds">An aggregate row's bucket: its requests are spread evenly over
/// [<paramref name="Seconds"/>, <paramref name="Seconds"/> + <paramref name="SpreadSeconds"/>) (0 for a per-request row).</param>
public readonly record struct TraceRequest(double Seconds, double InputTokens, double OutputTokens, int Count = 1,
                                           double CachedInputTokens = 0, double SpreadSeconds = 0)
{
    public double ProcessedTokens => InputTokens + OutputTokens;
}
