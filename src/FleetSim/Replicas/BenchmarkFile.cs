using System.Text;
using System.Text.Json;
using FleetSim.Scenario;

namespace FleetSim.Replicas;

/// <summary>
/// Reads one benchmark result file into curve points, its format found from its content (not its name):
/// a JSON object with <c>benchmarks</c> is a GuideLLM report, one whose <c>request_throughput</c> is a metric
/// object a GenAI-Perf/AIPerf export, one with <c>total_input_tokens</c> and <c>duration</c> a vLLM result.
/// A file of several JSON objects one after another (vLLM's <c>--append-result</c>) gives one point each.
/// </summary>
public static class BenchmarkFile
{
    /// <summary>
    /// Bytes a result file may hold: 64 MiB. A summary is a few kilobytes; vLLM's <c>--save-detailed</c> and
    /// GuideLLM's per-request lists make megabytes; more is not a benchmark result (or an endless stream).
    /// </summary>
    public const int MaxBytes = 64 << 20;

    /// <summary>The points <paramref name="path"/> measured, in file order.</summary>
    /// <exception cref="ScenarioException">The file is missing, a folder, unreadable or over <see cref="MaxBytes"/>.</exception>
    /// <exception cref="BenchmarkException">The file is not JSON, not a result of a tool FleetSim reads, or a field is missing or wrong; the message names the file and the field.</exception>
    public static IReadOnlyList<BenchmarkPoint> Read(string path)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(InputLimits.ReadText(path, MaxBytes, "a benchmark result", decompress: true));
        List<(JsonDocument Doc, long Line)> values = Parse(path, bytes);
        try
        {
            if (values.Count == 0)
            {
                throw BenchmarkException.In(path, null, $"is empty; {BenchmarkFormats.Expected}");
            }
            var points = new List<BenchmarkPoint>();
            foreach (var (doc, line) in values)
            {
                var fields = new BenchmarkFields(path, values.Count > 1 ? $"line {line}" : null);
                points.AddRange(ReadValue(fields, doc.RootElement));
            }
            return points;
        }
        finally
        {
            foreach (var (doc, _) in values)
            {
                doc.Dispose();
            }
        }
    }

    /// <summary>The tool that wrote <paramref name="root"/>, or null when it is none FleetSim reads.</summary>
    public static BenchmarkFormat? Detect(JsonElement root) =>
        root.ValueKind != JsonValueKind.Object ? null
        : GuideLlmReport.Matches(root) ? BenchmarkFormat.GuideLlm
        : GenAiPerfExport.Matches(root) ? BenchmarkFormat.GenAiPerf
        : VllmResult.Matches(root) ? BenchmarkFormat.Vllm
        : null;

    private static IEnumerable<BenchmarkPoint> ReadValue(BenchmarkFields f, JsonElement root) => Detect(root) switch
    {
        BenchmarkFormat.GuideLlm => GuideLlmReport.Read(f, root),
        BenchmarkFormat.GenAiPerf => [GenAiPerfExport.Read(f, root)],
        BenchmarkFormat.Vllm => [VllmResult.Read(f, root)],
        _ => throw BenchmarkException.In(f.File, f.Where, $"not a benchmark result FleetSim reads ({Describe(root)}); {BenchmarkFormats.Expected}"),
    };

    /// <summary>Every JSON value in the file with the line it starts on (1-based).</summary>
    private static List<(JsonDocument, long)> Parse(string path, byte[] bytes)
    {
        var values = new List<(JsonDocument, long)>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (true)
            {
                if (!reader.Read())
                {
                    return values;
                }
                long line = 1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n');
                values.Add((JsonDocument.ParseValue(ref reader), line));
            }
        }
        catch (JsonException e)
        {
            foreach (var (doc, _) in values)
            {
                doc.Dispose();
            }
            string why = e.Message;
            int cut = why.IndexOf(" LineNumber:", StringComparison.Ordinal);
            why = (cut > 0 ? why[..cut] : why).TrimEnd(' ', '.');
            throw BenchmarkException.In(path, e.LineNumber is { } l ? $"line {l + 1}" : null, $"not JSON ({why}); {BenchmarkFormats.Expected}");
        }
    }

    private static string Describe(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"the JSON is {BenchmarkFields.Shown(root)}, not an object";
        }
        var keys = root.EnumerateObject().Select(p => p.Name).Take(6).ToList();
        return keys.Count == 0 ? "an empty object" : $"its keys are {string.Join(", ", keys)}{(root.EnumerateObject().Count() > keys.Count ? ", …" : "")}";
    }
}
