using System.Text;

namespace FleetSim.Traffic.Traces;

public static partial class TraceReader
{
    private const string Supported =
        "supported: Azure (TIMESTAMP,ContextTokens,GeneratedTokens), " +
        "BurstGPT (Timestamp,...,Request tokens,Response tokens,...), " +
        "Mooncake (JSON lines with timestamp, input_length, output_length), " +
        "per-minute (minute,requests,input_tokens,output_tokens), " +
        "LiteLLM spend logs (CSV or JSON with startTime, prompt_tokens, completion_tokens), " +
        "OpenAI usage (JSON buckets or CSV with start_time, end_time, input_tokens, output_tokens, num_model_requests), " +
        "or any per-request CSV with a generic column mapping";

    /// <summary>
    /// The format of a trace, from its header (or, for JSON lines, its first line). Throws a
    /// <see cref="TraceException"/> naming the supported formats when the first line matches none.
    /// </summary>
    public static TraceFormat Detect(string path)
    {
        if (JsonSniffer.Format(path) is { } json) return json;
        using var lines = TraceFile.Lines(path, csv: false);
        if (!lines.Next(out var first)) throw new TraceException(path, 0, $"empty file; {Supported}");
        var line = Encoding.UTF8.GetString(first);
        return DetectLine(line)
            ?? throw lines.Fail(lines.Line, $"unknown trace format, header '{Shorten(line)}'; {Supported}");
    }

    private static TraceFormat? DetectLine(string line)
    {
        if (line.TrimStart('\uFEFF', ' ', '\t').StartsWith('{')) return TraceFormat.Mooncake;
        var header = Csv.Header(line);
        if (Csv.HasAll(header, AzureReader.Columns)) return TraceFormat.Azure;
        if (Csv.HasAll(header, BurstGptReader.Columns)) return TraceFormat.BurstGpt;
        if (Csv.HasAll(header, PerMinuteReader.Columns)) return TraceFormat.PerMinute;
        if (Csv.HasAll(header, LiteLlmSpendLogs.CsvColumns)) return TraceFormat.LiteLlmSpendLogs;
        if (Csv.HasAll(header, OpenAiUsage.CsvColumns)) return TraceFormat.OpenAiUsage;
        return null;
    }

    private static string Shorten(string line) => line.Length <= 80 ? line.Trim() : line[..77].Trim() + "...";
}
