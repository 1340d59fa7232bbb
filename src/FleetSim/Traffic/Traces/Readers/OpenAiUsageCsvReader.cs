using static FleetSim.Traffic.Traces.OpenAiUsage;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// OpenAI usage as a flat CSV, one row per bucket result: start_time,end_time,input_tokens,input_cached_tokens,
/// output_tokens,num_model_requests[,model], by column name. Times are Unix seconds or ISO 8601 date-times;
/// input_cached_tokens and model may be absent or empty (see <see cref="OpenAiUsage"/>).
/// </summary>
internal sealed class OpenAiUsageCsvReader(string path) : RowReader(path), IReadsModels
{
    private int[] _at = [];
    private int _cached = -1, _model = -1;

    public ModelTally Models { get; } = new();

    public override void ReadHeader(TraceHeader header)
    {
        _at = header.Require(CsvColumns);
        (_cached, _model) = (header.Find(Cached), header.Find(ModelColumn));
    }

    protected override RawRow Parse(ReadOnlySpan<byte> record)
    {
        var fields = Split(record);
        var idle = IsZero(fields, _at[4]) && IsZero(fields, _at[2]) && IsZero(fields, _at[3]);
        if (!idle)
        {
            var model = _model >= 0 && _model < fields.Count ? fields.Field(_model, ModelColumn) : default;
            Models.See(model);
            if (IsOtherModel(model))
            {
                var (from, to) = (Stamp(fields, _at[0], Start), Stamp(fields, _at[1], End));
                return RawRow.OfOtherModelAt(from, Idle(from, to).Spread);
            }
            Models.Match();
        }
        var (start, end) = (Stamp(fields, _at[0], Start), Stamp(fields, _at[1], End));
        if (idle) return Idle(start, end);
        var requests = fields.Tokens(_at[4], Requests);
        var input = fields.Tokens(_at[2], Input);
        var output = fields.Tokens(_at[3], Output);
        return Row(start, end, requests, input, fields.TokensOrZero(_cached, Cached), output);
    }

    /// <summary>True when the field is the number 0: with the other counts, a result with nothing in it (idle, whatever its model).</summary>
    private static bool IsZero(CsvFields fields, int index) =>
        index < fields.Count && Numbers.TryParse(fields.Field(index, ""), out var value) && value == 0;

    private long Stamp(CsvFields fields, int index, string column)
    {
        var text = fields.Field(index, column);
        return Numbers.TryParse(text, out var seconds) ? UnixTicks(seconds, column) : DateTicks(text, column);
    }
}
