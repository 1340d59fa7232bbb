using System.Text.Json;

namespace FleetSim.Traffic.Traces;

/// <summary>Mooncake: JSON lines {"timestamp": ms, "input_length": n, "output_length": n, "hash_ids": [...]}.</summary>
internal sealed class MooncakeReader(string path) : RowReader(path)
{
    public override bool HasHeader => false;

    protected override RawRow Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new BadRowException($"not valid JSON ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new BadRowException("not a JSON object");
            var time = Number(root, "timestamp");
            var input = Number(root, "input_length");
            var output = Number(root, "output_length");
            if (input < 0) throw new BadRowException($"'input_length': {input} is negative");
            if (output < 0) throw new BadRowException($"'output_length': {output} is negative");
            return new RawRow(time / 1000, input, output);
        }
    }

    private static double Number(JsonElement row, string name)
    {
        if (!row.TryGetProperty(name, out var value)) throw new BadRowException($"'{name}' missing");
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new BadRowException($"'{name}': {value.GetRawText()} is not a number");
    }
}
