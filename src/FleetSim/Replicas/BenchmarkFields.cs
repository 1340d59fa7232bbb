using System.Globalization;
using System.Text.Json;

namespace FleetSim.Replicas;

/// <summary>
/// The fields of one benchmark result, read so that every problem names the file and the field's path
/// ("c8.json: total_input_tokens: missing", "report.json: benchmarks[2].duration: -3 is not positive").
/// </summary>
internal sealed class BenchmarkFields(string file, string? where)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The file, for points and messages.</summary>
    public string File { get; } = file;

    /// <summary>The run inside the file ("line 3"), prefixed to field paths in messages; null for a file of one run.</summary>
    public string? Where { get; } = where;

    /// <summary>A problem with the field at <paramref name="path"/>.</summary>
    public BenchmarkException Error(string path, string problem) =>
        BenchmarkException.In(File, Where is null ? path : $"{Where}: {path}", problem);

    /// <summary>The property <paramref name="name"/> of <paramref name="o"/> when present and not null.</summary>
    public static bool Has(JsonElement o, string name, out JsonElement value)
    {
        value = default;
        return o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>The element at a dotted <paramref name="path"/> below <paramref name="o"/>, or false when any step is absent or null.</summary>
    public static bool Find(JsonElement o, string path, out JsonElement value)
    {
        value = o;
        foreach (string step in path.Split('.'))
        {
            if (!Has(value, step, out value))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The object at <paramref name="path"/> (dotted, below <paramref name="o"/>, named in messages after <paramref name="prefix"/>).</summary>
    public JsonElement Object(JsonElement o, string prefix, string path)
    {
        JsonElement value = Required(o, prefix, path);
        return value.ValueKind == JsonValueKind.Object ? value : throw Error(Join(prefix, path), $"expected an object, found {Shown(value)}");
    }

    /// <summary>A finite number that must be present at <paramref name="path"/>.</summary>
    public double Number(JsonElement o, string prefix, string path) => NumberOf(Required(o, prefix, path), Join(prefix, path));

    /// <summary>A number that must be present and above zero.</summary>
    public double Positive(JsonElement o, string prefix, string path)
    {
        double v = Number(o, prefix, path);
        return v > 0 ? v : throw Error(Join(prefix, path), string.Create(Inv, $"{v:G6} is not positive"));
    }

    /// <summary>A number that must be present and not negative (a token count).</summary>
    public double NonNegative(JsonElement o, string prefix, string path)
    {
        double v = Number(o, prefix, path);
        return v >= 0 ? v : throw Error(Join(prefix, path), string.Create(Inv, $"{v:G6} is negative"));
    }

    /// <summary>A whole number of requests in flight, 1 … <paramref name="most"/>, when present at <paramref name="path"/>; null when absent or null.</summary>
    public int? Concurrency(JsonElement o, string prefix, string path, int most)
    {
        if (!Find(o, path, out JsonElement value))
        {
            return null;
        }
        string at = Join(prefix, path);
        double v = NumberOf(value, at);
        if (v != Math.Floor(v) || v < 1 || v > most)
        {
            throw Error(at, string.Create(Inv, $"{v:G6} is not a whole number of requests in flight from 1 to {most:N0}"));
        }
        return (int)v;
    }

    /// <summary>The value as a finite number.</summary>
    public double NumberOf(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double v) && double.IsFinite(v)
            ? v
            : throw Error(at, $"{Shown(value)} is not a number");

    private JsonElement Required(JsonElement o, string prefix, string path) =>
        Find(o, path, out JsonElement value) ? value : throw Error(Join(prefix, path), "missing");

    /// <summary>"prefix.path", or path alone.</summary>
    public static string Join(string prefix, string path) => prefix.Length == 0 ? path : $"{prefix}.{path}";

    /// <summary>A value as a message shows it: a string quoted, an object or array by its kind, anything else as written.</summary>
    public static string Shown(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{Clip(value.GetString() ?? "")}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.Null => "null",
        _ => Clip(value.GetRawText()),
    };

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
