using System.Text;
using System.Text.Json;
using static FleetSim.Traffic.Traces.LiteLlmSpendLogs;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// LiteLLM spend logs as the proxy's JSON: /spend/logs returns an array of rows, /spend/logs/v2 and /spend/logs/ui a
/// page {"data": [rows], "total": n, ...}; a file may also hold one row per line. Each row is an object with the
/// table's columns (see <see cref="LiteLlmSpendLogs"/>): stamps as ISO 8601 strings, metadata as an object. A bad
/// row's message names its request_id, since a compact export is all on one line.
/// </summary>
internal sealed class LiteLlmSpendLogJsonReader(string path) : JsonRowReader(path), IReadsModels
{
    public ModelTally Models { get; } = new();

    protected override RawRow Parse(ReadOnlySpan<byte> record)
    {
        using var document = JsonFields.Object(record);
        var row = document.RootElement;
        try
        {
            return Parse(row);
        }
        catch (BadRowException bad) when (JsonFields.Has(row, RequestId, out var id))
        {
            throw new BadRowException($"request {JsonFields.Shown(id)}: {bad.Message}");
        }
    }

    private RawRow Parse(JsonElement row)
    {
        var model = Encoding.UTF8.GetBytes(JsonFields.Text(row, ModelColumn).Trim());
        var group = Encoding.UTF8.GetBytes(JsonFields.Text(row, ModelGroup).Trim());
        Models.See(group.Length == 0 ? model : group);
        if ((group.Length == 0 || IsOtherModel(group)) && IsOtherModel(model)) return RawRow.OfOtherModelAt(Stamp(row, Start));
        Models.Match();
        if (!row.TryGetProperty(Prompt, out _) && (row.TryGetProperty("models", out _) || row.TryGetProperty("users", out _)))
            throw new BadRowException($"'{Prompt}' missing: this is the per-day summary /spend/logs returns with start_date and " +
                                      "end_date; export the calls themselves with summarize=false");
        var start = Stamp(row, Start);
        long? end = JsonFields.Has(row, End, out _) ? Stamp(row, End) : null;
        var prompt = JsonFields.Tokens(row, Prompt);
        var completion = JsonFields.Tokens(row, Completion);
        var cached = JsonFields.Has(row, Metadata, out var metadata) ? LiteLlmCachedTokens.Of(metadata) : 0;
        return Row(start, end, prompt, completion, cached, IsFailure(Encoding.UTF8.GetBytes(JsonFields.Text(row, Status))),
                   IsCacheHit(Encoding.UTF8.GetBytes(JsonFields.Text(row, CacheHit))));
    }

    private long Stamp(JsonElement row, string name)
    {
        if (!JsonFields.Has(row, name, out var value)) throw new BadRowException($"'{name}' missing");
        var text = value.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(value.GetString() ?? "") : [];
        if (!DateTimes.TryParse(text, out _, out _)) throw new BadRowException($"'{name}': {JsonFields.Shown(value)} is not a date-time");
        Span<byte> scratch = stackalloc byte[64];
        return DateTicks(AsUtc(text, scratch), name);
    }
}
