namespace FleetSim.Traffic.Traces;

/// <summary>
/// A CSV trace's header line: its column names (trimmed, unquoted, without a byte-order mark), looked up
/// case-insensitively. A format reader asks it for the indexes of the columns it reads.
/// </summary>
internal sealed class TraceHeader(string path, long line, List<string> names)
{
    /// <summary>The column names as written.</summary>
    public IReadOnlyList<string> Names => names;

    /// <summary>The header's line number.</summary>
    public long Line => line;

    /// <summary>The header of <paramref name="text"/>, the header line of <paramref name="path"/> at <paramref name="line"/>.</summary>
    public static TraceHeader Of(string path, long line, string text) => new(path, line, Csv.Header(text));

    /// <summary>Where <paramref name="name"/> is, or -1 (for optional columns).</summary>
    public int Find(string name) => Csv.IndexOf(names, name);

    /// <summary>The indexes of columns the format needs, in the order named; a <see cref="TraceException"/> on the header's line naming the first missing.</summary>
    public int[] Require(params string[] columns) => [.. columns.Select(Require)];

    /// <summary>The index of a column the format needs; a <see cref="TraceException"/> on the header's line when it is missing.</summary>
    public int Require(string name)
    {
        var index = Find(name);
        return index >= 0
            ? index
            : throw new TraceException(path, line, $"missing column '{name}' (header: {string.Join(",", names)})");
    }
}
