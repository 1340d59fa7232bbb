using static FleetSim.Traffic.Traces.LiteLlmSpendLogs;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// A LiteLLM spend-log CSV: the LiteLLM_SpendLogs table as psql's \copy (SELECT ...) TO 'f.csv' CSV HEADER writes
/// it, columns by name in any order, JSON columns quoted and possibly over several lines. startTime,
/// prompt_tokens and completion_tokens are required; endTime, model, model_group, status, cache_hit and metadata are read
/// when present (see <see cref="LiteLlmSpendLogs"/>).
/// </summary>
internal sealed class LiteLlmSpendLogCsvReader(string path) : RowReader(path), IReadsModels
{
    private int _start, _prompt, _completion, _end = -1, _model = -1, _group = -1, _status = -1, _metadata = -1, _cacheHit = -1;

    public ModelTally Models { get; } = new();

    public override void ReadHeader(TraceHeader header)
    {
        (_start, _prompt, _completion) = (header.Require(Start), header.Require(Prompt), header.Require(Completion));
        (_end, _model, _group) = (header.Find(End), header.Find(ModelColumn), header.Find(ModelGroup));
        (_status, _metadata, _cacheHit) = (header.Find(Status), header.Find(Metadata), header.Find(CacheHit));
    }

    protected override RawRow Parse(ReadOnlySpan<byte> record)
    {
        var fields = Split(record);
        var model = Optional(fields, _model, ModelColumn);
        var group = Optional(fields, _group, ModelGroup);
        Models.See(group.IsEmpty ? model : group);
        Span<byte> scratch = stackalloc byte[64];
        if ((group.IsEmpty || IsOtherModel(group)) && IsOtherModel(model))
        {
            return RawRow.OfOtherModelAt(DateTicks(AsUtc(fields.Field(_start, Start), scratch), Start));
        }
        Models.Match();
        var start = DateTicks(AsUtc(fields.Field(_start, Start), scratch), Start);
        var endText = Optional(fields, _end, End);
        long? end = endText.IsEmpty ? null : DateTicks(AsUtc(endText, scratch), End);
        var prompt = fields.Tokens(_prompt, Prompt);
        var completion = fields.Tokens(_completion, Completion);
        var cached = LiteLlmCachedTokens.Of(Optional(fields, _metadata, Metadata));
        return Row(start, end, prompt, completion, cached, IsFailure(Optional(fields, _status, Status)), IsCacheHit(Optional(fields, _cacheHit, CacheHit)));
    }

    /// <summary>An optional column's field: empty when the column is absent or the row is short of it.</summary>
    private static ReadOnlySpan<byte> Optional(CsvFields fields, int index, string column) =>
        index >= 0 && index < fields.Count ? fields.Field(index, column) : default;
}
