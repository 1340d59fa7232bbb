namespace FleetSim.Traffic.Traces;

/// <summary>
/// Tells JSON trace files apart by the keys their records use, read from the file's first 64 KiB (a pretty-printed
/// export's first line is a lone bracket, so its first line cannot say): LiteLLM spend logs have "startTime" with
/// "prompt_tokens" (or "spend", as /spend/logs's per-day summary does), OpenAI usage has "num_model_requests" or
/// buckets ("start_time" with "results"); other JSON lines are left to the Mooncake rule.
/// </summary>
internal static class JsonSniffer
{
    private const int PrefixBytes = 1 << 16;

    /// <summary>True when the file's first character (after a byte-order mark and blanks) is '[' or '{'.</summary>
    public static bool StartsWithJson(string path) => First(Prefix(path)) is (byte)'[' or (byte)'{';

    /// <summary>
    /// The format of a JSON file by its keys (before any line is read: a compact export is one line of many MiB);
    /// null when the file does not start with '[' or '{', or its keys say nothing.
    /// </summary>
    public static TraceFormat? Format(string path)
    {
        var prefix = Prefix(path);
        if (First(prefix) is not ((byte)'[' or (byte)'{')) return null;
        bool Has(ReadOnlySpan<byte> key) => prefix.AsSpan().IndexOf(key) >= 0;
        if (Has("\"startTime\""u8) && (Has("\"prompt_tokens\""u8) || Has("\"spend\""u8))) return TraceFormat.LiteLlmSpendLogs;
        if (Has("\"num_model_requests\""u8) || (Has("\"start_time\""u8) && (Has("\"results\""u8) || Has("\"result\""u8))))
            return TraceFormat.OpenAiUsage;
        return null;
    }

    /// <summary>The first 64 KiB of the file's text (decompressed when it is gzip or zstd, without a byte-order mark).</summary>
    private static byte[] Prefix(string path)
    {
        using var text = TraceFile.Lines(path, csv: false);
        var buffer = new byte[PrefixBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = text.Read(buffer.AsSpan(length))) > 0) length += read;
        return buffer[..length];
    }

    private static byte First(ReadOnlySpan<byte> prefix)
    {
        prefix = prefix.TrimStart(" \t\r\n"u8);
        return prefix.IsEmpty ? (byte)0 : prefix[0];
    }
}
