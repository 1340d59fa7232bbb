namespace FleetSim.Traffic.Traces;

/// <summary>A CSV header line as column names (format detection and <see cref="TraceHeader"/>); data records go through <see cref="CsvSplitter"/>.</summary>
internal static class Csv
{
    /// <summary>The line's fields (commas, double-quoted fields, "" inside is a quote, trimmed), or null when a quote is never closed.</summary>
    public static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString().Trim()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) return null;
        fields.Add(field.ToString().Trim());
        return fields;
    }

    /// <summary>A header's column names: trimmed, without a byte-order mark.</summary>
    public static List<string> Header(string line) =>
        (Split(line.TrimStart('\uFEFF')) ?? [.. line.Split(',')]).ConvertAll(n => n.Trim().TrimStart('\uFEFF').Trim());

    /// <summary>Where <paramref name="name"/> is in the header (case-insensitive), or -1.</summary>
    public static int IndexOf(List<string> header, string name) =>
        header.FindIndex(h => string.Equals(h, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the header names every one of <paramref name="names"/>.</summary>
    public static bool HasAll(List<string> header, params string[] names) => names.All(n => IndexOf(header, n) >= 0);
}
