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

    /// <summary>
    /// A LiteLLM proxy's spend logs, one row per call: the LiteLLM_SpendLogs table exported as CSV
    /// (startTime, prompt_tokens, completion_tokens, ... by column name) or the proxy's /spend/logs JSON.
    /// </summary>
    LiteLlmSpendLogs,

    /// <summary>
    /// OpenAI's completions usage: the Usage API's time buckets (start_time, end_time in Unix seconds; input_tokens,
    /// input_cached_tokens, output_tokens, num_model_requests per result) as JSON, or the same as a flat CSV.
    /// </summary>
    OpenAiUsage,
}
