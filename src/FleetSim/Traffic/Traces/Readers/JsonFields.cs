using System.Text.Json;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// The fields of one JSON record, read the way every JSON reader reports them: "'name' missing",
/// "'name': "x" is not a number", "'name': -3 is negative" (a <see cref="BadRowException"/>).
/// </summary>
internal static class JsonFields
{
    /// <summary>The record parsed as one JSON object (dispose it); a <see cref="BadRowException"/> when it is not valid JSON or not an object.</summary>
    public static JsonDocument Object(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record);
        JsonDocument document;
        try
        {
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                document.Dispose();
                throw new BadRowException("not valid JSON (more after the object)");
            }
        }
        catch (JsonException e)
        {
            throw new BadRowException($"not valid JSON ({Why(e)})");
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new BadRowException($"not a JSON object: {Shown(record)}");
    }

    /// <summary>The property <paramref name="name"/>, or false when it is absent or null.</summary>
    public static bool Has(JsonElement o, string name, out JsonElement value) =>
        o.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A finite number the record must have.</summary>
    public static double Number(JsonElement o, string name) =>
        Has(o, name, out var value) ? NumberOf(value, name) : throw new BadRowException($"'{name}' missing");

    /// <summary>The value as a finite number (<paramref name="name"/> names it in messages).</summary>
    public static double NumberOf(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new BadRowException($"'{name}': {Shown(value)} is not a number");

    /// <summary>A token count the record must have: a finite, non-negative number.</summary>
    public static double Tokens(JsonElement o, string name) => NonNegative(Number(o, name), name);

    /// <summary>A token count that may be absent or null (0).</summary>
    public static double TokensOrZero(JsonElement o, string name) => Has(o, name, out var value) ? TokensOf(value, name) : 0;

    /// <summary>The value as a token count (<paramref name="name"/> names it in messages).</summary>
    public static double TokensOf(JsonElement value, string name) => NonNegative(NumberOf(value, name), name);

    /// <summary>A string property; "" when absent or null; a number or true/false as written.</summary>
    /// <summary>What a JSON parser found wrong, without its own position bookkeeping ("LineNumber: 0 | BytePositionInLine: 3."): the caller names the line.</summary>
    public static string Why(JsonException e)
    {
        string message = e.Message;
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (at < 0)
        {
            at = message.IndexOf(" Path:", StringComparison.Ordinal);
        }
        return (at > 0 ? message[..at] : message).TrimEnd(' ', '.');
    }

    public static string Text(JsonElement o, string name) =>
        !Has(o, name, out var value) ? ""
        : value.ValueKind == JsonValueKind.String ? value.GetString() ?? ""
        : value.GetRawText();

    /// <summary>The value as a message shows it: a string quoted, an object or array by its kind, anything else as written.</summary>
    public static string Shown(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.GetRawText(),
    };

    private static string Shown(ReadOnlySpan<byte> record)
    {
        var text = System.Text.Encoding.UTF8.GetString(record[..Math.Min(record.Length, 40)]).Trim();
        return record.Length > 40 ? text + "..." : text;
    }

    private static double NonNegative(double value, string name) =>
        value >= 0 ? value : throw new BadRowException($"'{name}': {value} is negative");
}
