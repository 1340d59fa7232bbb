namespace FleetSim.Traffic.Traces;

/// <summary>The trace formats FleetSim reads.</summary>
public enum TraceFormat
{
    /// <summary>Azure LLM inference traces: CSV TIMESTAMP,ContextTokens,GeneratedTokens.</summary>
    Azure,

    /// <summary>BurstGPT: CSV with Timestamp (s from start), Request tokens, Response tokens, ... read by column name.</summary>
    BurstGpt,

    /// <summary>Mooncake: JSON lines {"timestamp": ms, "input_length": n, "output_length": n, ...}.</summary>
    Mooncake,

    /// <summary>A per-request CSV with a column mapping.</summary>
    Generic,

    /// <summary>Per-minute aggregates: minute,requests,input_tokens,output_tokens.</summary>
    PerMinute,
}
