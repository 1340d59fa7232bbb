namespace FleetSim.Traffic.Traces;

/// <summary>What a reader met on its way through a file.</summary>
public sealed class TraceStats
{
    /// <summary>Data rows read (header excluded).</summary>
    public long Rows { get; set; }

    /// <summary>Requests yielded (aggregate rows: their request counts summed).</summary>
    public long Requests { get; set; }

    /// <summary>Malformed rows skipped (with SkipBadRows).</summary>
    public long BadRows { get; set; }

    /// <summary>BurstGPT: failed requests (0 response tokens) excluded.</summary>
    public long FailedRequests { get; set; }

    /// <summary>LiteLLM: calls answered from the proxy's own response cache (cache_hit True), which reached no model: left out.</summary>
    public long ResponseCacheHits { get; set; }

    /// <summary>Rows of another model than the one asked for (TraceOptions.Model), left out.</summary>
    public long OtherModelRows { get; set; }

    /// <summary>
    /// The distinct models the rows name, in the order first met (the first 20; an empty name is a row without one),
    /// for formats with a model column (LiteLLM spend logs, OpenAI usage), whether or not a model was asked for:
    /// more than one means the file mixes models and a model filter (TraceOptions.Model) picks one. Empty for other formats.
    /// </summary>
    public IReadOnlyList<string> Models { get; set; } = [];

    /// <summary>True when the rows name more distinct models than <see cref="Models"/> lists.</summary>
    public bool MoreModels { get; set; }

    /// <summary>Rows that came after a later-stamped row and were put back in time order (within the reorder window).</summary>
    public long ReorderedRows { get; set; }

    /// <summary>The furthest, in seconds, a reordered row came behind the latest row before it.</summary>
    public double MaxReorderSeconds { get; set; }

    /// <summary>
    /// The earliest request's instant in UTC ticks when the trace's stamps are dates (Azure, date-time
    /// columns, LiteLLM logs, usage exports); null when they are plain offsets (BurstGPT, Mooncake, per-minute).
    /// </summary>
    public long? OriginUtcTicks { get; set; }

    /// <summary>
    /// True when the dated stamps carry a zone or offset ("Z", "+00:00"), so <see cref="OriginUtcTicks"/> is a
    /// real instant; false when they are written without one (read as UTC, so a named time zone takes them
    /// as that zone's wall clock rather than converting them).
    /// </summary>
    public bool StampsHaveZone { get; set; }

    /// <summary>"gzip" or "zstd" when the file was compressed; null when it was plain text.</summary>
    public string? Compression { get; set; }

    /// <summary>The format read (detected or given).</summary>
    public TraceFormat Format { get; set; }
}
