using System.Text.Json;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// An OpenAI usage JSON file one result at a time: each time bucket {"start_time", "end_time", "results": [...]}
/// that <see cref="JsonRecords"/> finds becomes one record per result, {"start_time": s, "end_time": e,
/// "result": {...}}, numbered with the result's own line, and a bucket without results becomes
/// {"start_time": s, "end_time": e, "results": []}. ("result" is also read as the list's name, as early versions
/// of OpenAI's API spec named it.) Any other record (a flat result with its own times, something malformed)
/// passes as it is, for the reader to read or reject.
/// </summary>
internal sealed class UsageResultRecords(JsonRecords buckets) : ITraceRecords
{
    private readonly List<(int Start, int Length, long Line)> _pending = [];
    private readonly List<Range> _results = [];
    private byte[] _scratch = new byte[4096];
    private int _used, _next;

    /// <inheritdoc/>
    public long Line { get; private set; }

    /// <inheritdoc/>
    public bool Next(out ReadOnlySpan<byte> record)
    {
        if (_next == _pending.Count)
        {
            _pending.Clear();
            (_used, _next) = (0, 0);
            if (!buckets.Next(out var bucket))
            {
                record = default;
                return false;
            }
            Split(bucket, buckets.Line);
        }
        var (start, length, line) = _pending[_next++];
        Line = line;
        record = _scratch.AsSpan(start, length);
        return true;
    }

    /// <inheritdoc/>
    public string? Compression => buckets.Compression;

    /// <inheritdoc/>
    public TraceException Fail(long line, string why) => buckets.Fail(line, why);

    /// <inheritdoc/>
    public TraceException Fail(TraceException problem) => buckets.Fail(problem);

    public void Dispose() => buckets.Dispose();

    private void Split(ReadOnlySpan<byte> bucket, long line)
    {
        _results.Clear();
        if (!Find(bucket, _results, out var start, out var end))
        {
            Append(bucket);
            End(line);
            return;
        }
        if (_results.Count == 0)
        {
            Times(bucket[start], bucket[end]);
            Append(",\"results\":[]}"u8);
            End(line);
            return;
        }
        foreach (var result in _results)
        {
            Times(bucket[start], bucket[end]);
            Append(",\"result\":"u8);
            Append(bucket[result]);
            Append("}"u8);
            End(line + bucket[..result.Start.Value].Count((byte)'\n'));
        }
    }

    /// <summary>Starts a record with the bucket's times: {"start_time":s,"end_time":e.</summary>
    private void Times(ReadOnlySpan<byte> start, ReadOnlySpan<byte> end)
    {
        Append("{\"start_time\":"u8);
        Append(start);
        Append(",\"end_time\":"u8);
        Append(end);
    }

    /// <summary>True when the record is an object with start_time, end_time and a results list: where each of them is.</summary>
    private static bool Find(ReadOnlySpan<byte> bucket, List<Range> results, out Range start, out Range end)
    {
        (start, end) = (default, default);
        bool hasStart = false, hasEnd = false, hasResults = false;
        var json = new Utf8JsonReader(bucket);
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject) return false;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                if (json.ValueTextEquals("start_time"u8)) hasStart = Scalar(ref json, out start);
                else if (json.ValueTextEquals("end_time"u8)) hasEnd = Scalar(ref json, out end);
                else if (json.ValueTextEquals("results"u8) || json.ValueTextEquals("result"u8))
                {
                    if (!json.Read() || json.TokenType != JsonTokenType.StartArray) return false;
                    hasResults = true;
                    while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                    {
                        var from = (int)json.TokenStartIndex;
                        json.Skip();
                        results.Add(from..(int)json.BytesConsumed);
                    }
                }
                else
                {
                    json.Read();
                    json.Skip();
                }
            }
            return hasStart && hasEnd && hasResults && json.TokenType == JsonTokenType.EndObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads the property's value: true and where it is when it is not an object or array.</summary>
    private static bool Scalar(ref Utf8JsonReader json, out Range value)
    {
        json.Read();
        value = (int)json.TokenStartIndex..(int)json.BytesConsumed;
        if (json.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return true;
        json.Skip();
        return false;
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_used + part.Length > _scratch.Length) Array.Resize(ref _scratch, Math.Max(2 * _scratch.Length, _used + part.Length));
        part.CopyTo(_scratch.AsSpan(_used));
        _used += part.Length;
    }

    /// <summary>Ends the record begun after the last one, numbered <paramref name="line"/>.</summary>
    private void End(long line)
    {
        var from = _pending.Count == 0 ? 0 : _pending[^1].Start + _pending[^1].Length;
        _pending.Add((from, _used - from, line));
    }
}
