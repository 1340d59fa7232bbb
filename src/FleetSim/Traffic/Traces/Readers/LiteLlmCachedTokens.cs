using System.Text.Json;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// The cached prompt tokens of a LiteLLM spend-log row, from its metadata JSON. LiteLLM's get_logging_payload
/// (litellm/proxy/spend_tracking/spend_tracking_utils.py) keeps every usage field but the three token counts in
/// metadata.additional_usage_values, and newer versions the whole usage in metadata.usage_object. Its Usage
/// (litellm/types/utils.py) holds cached prompt tokens in prompt_tokens_details.cached_tokens (OpenAI's field;
/// Anthropic's cache_read_input_tokens and DeepSeek's prompt_cache_hit_tokens are mapped to it, and the first is also
/// kept under its own name), and its prompt_tokens include them. The first of those four places that holds a
/// number is read; none is 0.
/// </summary>
internal static class LiteLlmCachedTokens
{
    private static readonly string[] Usages = ["additional_usage_values", "usage_object"];

    /// <summary>The cached tokens in a CSV export's metadata field (JSON text; empty is none).</summary>
    public static double Of(ReadOnlySpan<byte> metadata)
    {
        if (metadata.Trim(" \t\r\n"u8).IsEmpty) return 0;
        JsonDocument document;
        try
        {
            document = JsonFields.Object(metadata);
        }
        catch (BadRowException bad)
        {
            throw new BadRowException($"column '{LiteLlmSpendLogs.Metadata}': {bad.Message}");
        }
        using (document)
        {
            return Of(document.RootElement);
        }
    }

    /// <summary>The cached tokens in a metadata object (or a string holding its JSON, as some exports write it).</summary>
    public static double Of(JsonElement metadata)
    {
        if (metadata.ValueKind == JsonValueKind.String) return Of(System.Text.Encoding.UTF8.GetBytes(metadata.GetString() ?? ""));
        if (metadata.ValueKind != JsonValueKind.Object) return 0;
        foreach (var usage in Usages)
        {
            if (!JsonFields.Has(metadata, usage, out var u) || u.ValueKind != JsonValueKind.Object) continue;
            if (JsonFields.Has(u, "prompt_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object
                && JsonFields.Has(details, "cached_tokens", out var cached))
                return JsonFields.TokensOf(cached, $"{LiteLlmSpendLogs.Metadata}.{usage}.prompt_tokens_details.cached_tokens");
            if (JsonFields.Has(u, "cache_read_input_tokens", out var read))
                return JsonFields.TokensOf(read, $"{LiteLlmSpendLogs.Metadata}.{usage}.cache_read_input_tokens");
        }
        return 0;
    }
}
