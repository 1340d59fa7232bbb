namespace FleetSim.Traffic.Traces;

/// <summary>
/// OpenAI's completions usage, as its Usage API returns it (GET /v1/organization/usage/completions, in the OpenAI
/// API reference): a page whose "data" holds time buckets {"object": "bucket", "start_time", "end_time" (Unix
/// seconds; bucket_width 1m, 1h or 1d), "results": [...]}, each result {"input_tokens" (cached ones included),
/// "input_cached_tokens", "output_tokens", "num_model_requests", "model" (null unless grouped by model), ...};
/// or a flat CSV of the same, one row per result. Each result is one aggregate row at its bucket's start:
/// num_model_requests requests with the summed tokens, spread evenly over the bucket (end − start seconds). A
/// bucket without results, or a result of 0 requests and 0 tokens, is idle: a row of no requests that keeps the
/// bucket's time, so the trace spans what the export covers; tokens with 0 requests is a bad row.
/// </summary>
internal static class OpenAiUsage
{
    public const string Start = "start_time";
    public const string End = "end_time";
    public const string Input = "input_tokens";
    public const string Cached = "input_cached_tokens";
    public const string Output = "output_tokens";
    public const string Requests = "num_model_requests";
    public const string ModelColumn = "model";

    /// <summary>The columns a CSV export must have, and that detect one.</summary>
    public static readonly string[] CsvColumns = [Start, End, Input, Output, Requests];

    /// <summary>The reader for the file: JSON when it starts with '[' or '{', else CSV.</summary>
    public static RowReader Reader(string path) =>
        JsonSniffer.StartsWithJson(path) ? new OpenAiUsageJsonReader(path) : new OpenAiUsageCsvReader(path);

    /// <summary>A result as a row (see the class); a <see cref="BadRowException"/> naming the fields that do not add up.</summary>
    public static RawRow Row(long start, long end, double requests, double input, double cached, double output)
    {
        if (end == start) throw new BadRowException($"'{End}' equals '{Start}': a bucket of no time");
        if (end < start)
            throw new BadRowException($"'{End}' is {(start - end) / (double)TimeSpan.TicksPerSecond:0.###} s before '{Start}'");
        if (requests != Math.Floor(requests))
            throw new BadRowException($"'{Requests}': {requests} is not a whole number of requests");
        if (requests > int.MaxValue)
            throw new BadRowException($"'{Requests}': {requests:N0} requests in one bucket is more than FleetSim reads (2,147,483,647)");
        if (cached > input) throw new BadRowException($"'{Cached}' {cached} exceeds '{Input}' {input}");
        if (requests == 0 && input + output > 0)
            throw new BadRowException($"'{Requests}' is 0 but the bucket has {input + output} tokens");
        return new RawRow(start, input, output, (int)requests, Cached: cached, Spread: (end - start) / (double)TimeSpan.TicksPerSecond);
    }

    /// <summary>A bucket without results: no requests over its time.</summary>
    public static RawRow Idle(long start, long end) => Row(start, end, 0, 0, 0, 0);
}
