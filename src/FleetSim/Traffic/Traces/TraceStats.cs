namespace FleetSim.Traffic.Traces;

/// <summary>What a reader met on its way through a file.</summary>
public sealed class TraceStats
{
    /// <summary>Data rows read (header excluded).</summary>
    public long Rows { get; set; }

    /// <summary>Requests yielded (per-minute aggregates: their request counts summed).</summary>
    public long Requests { get; set; }

    /// <summary>Malformed rows skipped (with SkipBadRows).</summary>
    public long BadRows { get; set; }

    /// <summary>BurstGPT: failed requests (0 response tokens) excluded.</summary>
    public long FailedRequests { get; set; }

    /// <summary>The format read (detected or given).</summary>
    public TraceFormat Format { get; set; }
}
