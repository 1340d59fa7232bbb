namespace FleetSim.Traffic.Traces;

/// <summary>How to read a trace.</summary>
/// <param name="Format">Null: detect it from the file's first line.</param>
/// <param name="SkipBadRows">Skip and count malformed rows instead of stopping at the first.</param>
/// <param name="Columns">The generic format's column mapping.</param>
/// <param name="IncludeFailed">BurstGPT: keep requests with 0 response tokens (failed), which are otherwise excluded and counted.</param>
/// <param name="Model">Keep only rows of this model (formats with a model column); null keeps every row.</param>
public sealed record TraceOptions(TraceFormat? Format = null, bool SkipBadRows = false, GenericColumns? Columns = null,
                                  bool IncludeFailed = false, string? Model = null);

/// <summary>
/// Column names of a generic per-request CSV: a timestamp (seconds, or ISO 8601 date-times), input
/// and output tokens; <paramref name="TimestampUnit"/> scales numeric timestamps to seconds
/// (1 for seconds, 0.001 for milliseconds).
/// </summary>
public sealed record GenericColumns(string Timestamp, string InputTokens, string OutputTokens, double TimestampUnit = 1);
