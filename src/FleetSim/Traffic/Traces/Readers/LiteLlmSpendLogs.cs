namespace FleetSim.Traffic.Traces;

/// <summary>
/// LiteLLM proxy spend logs, one row per call, with the columns of LiteLLM's LiteLLM_SpendLogs table
/// (schema.prisma), as a CSV export of the table or the JSON of the proxy's /spend/logs endpoints. Read:
/// startTime (the call's arrival), endTime (checked not to precede it), prompt_tokens (input, cached ones
/// included), completion_tokens (output), the cached prompt tokens the metadata JSON records
/// (<see cref="LiteLlmCachedTokens"/>), model_group (else model) as the row's model, and status: "failure"
/// marks a failed call, left out and counted like a failed BurstGPT request unless failed calls are kept;
/// cache_hit "True" marks a call answered from the proxy's response cache, which reached no model: left out and counted.
/// spend, call_type and the other columns are not read.
/// </summary>
internal static class LiteLlmSpendLogs
{
    public const string Start = "startTime";
    public const string End = "endTime";
    public const string Prompt = "prompt_tokens";
    public const string Completion = "completion_tokens";
    public const string ModelColumn = "model";
    public const string ModelGroup = "model_group";
    public const string Status = "status";
    public const string Metadata = "metadata";
    public const string CacheHit = "cache_hit";
    public const string RequestId = "request_id";

    /// <summary>The columns a CSV export must have, and that detect one.</summary>
    public static readonly string[] CsvColumns = [Start, Prompt, Completion];

    /// <summary>The reader for the file: JSON when it starts with '[' or '{', else CSV.</summary>
    public static RowReader Reader(string path) =>
        JsonSniffer.StartsWithJson(path) ? new LiteLlmSpendLogJsonReader(path) : new LiteLlmSpendLogCsvReader(path);

    /// <summary>
    /// The stamp to read, with 'Z' added when it has no zone: LiteLLM stores UTC instants (Prisma's DateTime,
    /// a PostgreSQL timestamp without zone, so a psql export writes "2025-01-15 10:20:30.123").
    /// </summary>
    public static ReadOnlySpan<byte> AsUtc(ReadOnlySpan<byte> stamp, Span<byte> scratch)
    {
        stamp = stamp.Trim(" \t"u8);
        if (stamp.Length >= scratch.Length || !DateTimes.TryParse(stamp, out _, out var zoned) || zoned) return stamp;
        stamp.CopyTo(scratch);
        scratch[stamp.Length] = (byte)'Z';
        var utc = scratch[..(stamp.Length + 1)];
        return DateTimes.TryParse(utc, out _, out _) ? utc : stamp;
    }

    /// <summary>True for the status of a failed call ("failure"; "success" or none is a call that was answered).</summary>
    public static bool IsFailure(ReadOnlySpan<byte> status) =>
        System.Text.Ascii.EqualsIgnoreCase(status.Trim(" \t"u8), "failure"u8);

    /// <summary>
    /// True for a call LiteLLM answered from its response cache: cache_hit "True" (get_logging_payload writes
    /// str() of the logging payload's bool; JSON may carry the bool itself). Such a call reached no model.
    /// </summary>
    public static bool IsCacheHit(ReadOnlySpan<byte> cacheHit) =>
        System.Text.Ascii.EqualsIgnoreCase(cacheHit.Trim(" \t\""u8), "true"u8);

    /// <summary>The call as a row; a <see cref="BadRowException"/> when it ends before it starts or caches more than its prompt.</summary>
    public static RawRow Row(long start, long? end, double prompt, double completion, double cached, bool failed, bool cacheHit = false)
    {
        if (end < start)
            throw new BadRowException($"'{End}' is {(start - end.Value) / (double)TimeSpan.TicksPerSecond:0.###} s before '{Start}'");
        if (cached > prompt)
            throw new BadRowException($"{cached} cached prompt tokens (in '{Metadata}') exceed '{Prompt}' {prompt}");
        return new RawRow(start, prompt, completion, Failed: failed, Cached: cached, CacheHit: cacheHit);
    }
}
