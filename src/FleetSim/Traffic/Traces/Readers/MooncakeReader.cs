using System.Text;
using System.Text.Json;

namespace FleetSim.Traffic.Traces;

/// <summary>Mooncake: JSON lines {"timestamp": ms, "input_length": n, "output_length": n, "hash_ids": [...]}.</summary>
internal sealed class MooncakeReader(string path) : RowReader(path)
{
    public override bool HasHeader => false;

    protected override RawRow Parse(ReadOnlySpan<byte> record)
    {
        double? time = null, input = null, output = null;
        var json = new Utf8JsonReader(record);
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject) throw new BadRowException("not a JSON object");
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                if (json.ValueTextEquals("timestamp"u8)) time = Number(ref json, "timestamp");
                else if (json.ValueTextEquals("input_length"u8)) input = Number(ref json, "input_length");
                else if (json.ValueTextEquals("output_length"u8)) output = Number(ref json, "output_length");
                else
                {
                    json.Read();
                    json.Skip();
                }
            }
            if (json.TokenType != JsonTokenType.EndObject) throw new BadRowException("not a JSON object");
            if (json.Read()) throw new BadRowException("not valid JSON (more after the object)");
        }
        catch (JsonException e)
        {
            throw new BadRowException($"not valid JSON ({JsonFields.Why(e)})");
        }
        if (time is null) throw new BadRowException("'timestamp' missing");
        if (input is null) throw new BadRowException("'input_length' missing");
        if (output is null) throw new BadRowException("'output_length' missing");
        if (input < 0) throw new BadRowException($"'input_length': {input} is negative");
        if (output < 0) throw new BadRowException($"'output_length': {output} is negative");
        return new RawRow(OffsetTicks(time.Value / 1000, "timestamp"), input.Value, output.Value);
    }

    private static double Number(ref Utf8JsonReader json, string name)
    {
        json.Read();
        if (json.TokenType == JsonTokenType.Number && json.TryGetDouble(out var number) && double.IsFinite(number)) return number;
        var shown = json.TokenType switch
        {
            JsonTokenType.String => $"\"{json.GetString()}\"",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => Encoding.UTF8.GetString(json.ValueSpan),
        };
        throw new BadRowException($"'{name}': {shown} is not a number");
    }
}
