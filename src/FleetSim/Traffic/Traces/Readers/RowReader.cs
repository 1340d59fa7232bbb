using System.Globalization;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// One data row as a format reader sees it: its time in seconds (on the reader's own origin), tokens
/// (input includes <paramref name="Cached"/>), how many requests it stands for and over how many
/// seconds they are spread (aggregate rows), and whether it is a failed request (BurstGPT).
/// </summary>
internal readonly record struct RawRow(double Time, double Input, double Output, int Count = 1, bool Failed = false,
                                       double Cached = 0, double Spread = 0);

/// <summary>A malformed data row; the message names the column and the value.</summary>
internal sealed class BadRowException(string why) : Exception(why);

/// <summary>
/// What every format reader does: take the header (when the format has one), then turn each data line
/// into a <see cref="RawRow"/> or say, naming the column and the value, why it cannot.
/// </summary>
internal abstract class RowReader(string path)
{
    protected string Path { get; } = path;

    /// <summary>False for formats without a header line (JSON lines).</summary>
    public virtual bool HasHeader => true;

    /// <summary>Reads the header; throws a <see cref="TraceException"/> when a needed column is missing.</summary>
    public virtual void ReadHeader(string line, long lineNumber)
    {
    }

    /// <summary>Null and the row, or why the line is malformed.</summary>
    public string? TryParse(string line, out RawRow row)
    {
        try
        {
            row = Parse(line);
            return null;
        }
        catch (BadRowException bad)
        {
            row = default;
            return bad.Message;
        }
    }

    /// <summary>The row; throws <see cref="BadRowException"/> when the line is malformed.</summary>
    protected abstract RawRow Parse(string line);

    /// <summary>The indexes of the header columns the format needs, in the order named.</summary>
    protected int[] RequireAll(string headerLine, long lineNumber, params string[] names)
    {
        var header = Csv.Header(headerLine);
        return [.. names.Select(name => Require(header, name, lineNumber))];
    }

    /// <summary>The index of a header column the format needs, or a TraceException on line <paramref name="lineNumber"/>.</summary>
    protected int Require(List<string> header, string name, long lineNumber)
    {
        var index = Csv.IndexOf(header, name);
        return index >= 0
            ? index
            : throw new TraceException(Path, lineNumber, $"missing column '{name}' (header: {string.Join(",", header)})");
    }

    /// <summary>The CSV fields of a line.</summary>
    protected static List<string> Split(string line) =>
        Csv.Split(line) ?? throw new BadRowException("unterminated quoted field");

    /// <summary>The field at <paramref name="index"/>.</summary>
    protected static string Field(List<string> fields, int index, string name) =>
        index < fields.Count ? fields[index] : throw new BadRowException($"column '{name}' missing (the row has {fields.Count} fields)");

    /// <summary>A finite number.</summary>
    protected static double Number(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new BadRowException($"column '{name}': '{text}' is not a number");

    /// <summary>A token count: a finite, non-negative number.</summary>
    protected static double Tokens(string text, string name)
    {
        var value = Number(text, name);
        return value >= 0 ? value : throw new BadRowException($"column '{name}': {text} is negative");
    }

    /// <summary>A CSV column's token count.</summary>
    protected static double Tokens(List<string> fields, int index, string name) => Tokens(Field(fields, index, name), name);
}
