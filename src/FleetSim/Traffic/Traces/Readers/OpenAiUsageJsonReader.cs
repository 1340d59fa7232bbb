using System.Text;
using System.Text.Json;
using static FleetSim.Traffic.Traces.OpenAiUsage;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// OpenAI usage as the Usage API's JSON: a page {"object": "page", "data": [buckets], ...}, a list of pages or of
/// buckets, or one page or bucket per line. Each bucket's results are read one by one (<see cref="UsageResultRecords"/>);
/// times are Unix seconds (ISO 8601 strings are read too). See <see cref="OpenAiUsage"/>.
/// </summary>
internal sealed class OpenAiUsageJsonReader(string path) : JsonRowReader(path), IReadsModels
{
    public ModelTally Models { get; } = new();

    public override ITraceRecords Records() => new UsageResultRecords(new JsonRecords(TraceFile.Lines(Path, csv: false)));

    protected override RawRow Parse(ReadOnlySpan<byte> record)
    {
        using var document = JsonFields.Object(record);
        var row = document.RootElement;
        try
        {
            return Parse(row);
        }
        catch (BadRowException bad) when (JsonFields.Has(row, Start, out var start))
        {
            throw new BadRowException($"bucket at {Start} {start.GetRawText()}: {bad.Message}");
        }
    }

    private RawRow Parse(JsonElement row)
    {
        if (JsonFields.Has(row, "results", out var results))
        {
            var (from, to) = (Stamp(row, Start), Stamp(row, End));
            return results.ValueKind == JsonValueKind.Array && results.GetArrayLength() == 0
                ? Idle(from, to)
                : throw new BadRowException($"'results': {JsonFields.Shown(results)} is not a list of result objects");
        }
        var result = row;
        if (JsonFields.Has(row, "result", out var inner))
        {
            result = inner.ValueKind == JsonValueKind.Object
                ? inner
                : throw new BadRowException($"'result': {JsonFields.Shown(inner)} is not a result object");
        }
        var idle = IsZero(result, Requests) && IsZero(result, Input) && IsZero(result, Output);
        if (!idle)
        {
            var model = Encoding.UTF8.GetBytes(JsonFields.Text(result, ModelColumn).Trim());
            Models.See(model);
            if (IsOtherModel(model))
            {
                var (from, to) = (Stamp(row, Start), Stamp(row, End));
                return RawRow.OfOtherModelAt(from, Idle(from, to).Spread);
            }
            Models.Match();
        }
        var (start, end) = (Stamp(row, Start), Stamp(row, End));
        if (idle) return Idle(start, end);
        var requests = JsonFields.Tokens(result, Requests);
        var input = JsonFields.Tokens(result, Input);
        var output = JsonFields.Tokens(result, Output);
        return Row(start, end, requests, input, JsonFields.TokensOrZero(result, Cached), output);
    }

    /// <summary>True when the property is the number 0: with the other counts, a result with nothing in it (idle, whatever its model).</summary>
    private static bool IsZero(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var x) && x == 0;

    private long Stamp(JsonElement row, string name)
    {
        if (!JsonFields.Has(row, name, out var value)) throw new BadRowException($"'{name}' missing");
        if (value.ValueKind == JsonValueKind.Number) return UnixTicks(JsonFields.NumberOf(value, name), name);
        var text = value.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(value.GetString() ?? "") : [];
        if (!DateTimes.TryParse(text, out _, out _))
            throw new BadRowException($"'{name}': {JsonFields.Shown(value)} is not Unix seconds or a date-time");
        return DateTicks(text, name);
    }
}
