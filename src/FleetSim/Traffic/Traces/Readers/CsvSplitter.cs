namespace FleetSim.Traffic.Traces;

/// <summary>
/// Splits CSV records (UTF-8) into fields without allocating per row: commas, double-quoted fields ("" inside
/// is a quote, and a quoted field may hold commas and line ends), each field trimmed of spaces and tabs.
/// Unquoted fields are slices of the record; quoted ones are unescaped into a reused scratch buffer.
/// </summary>
internal sealed class CsvSplitter
{
    private int[] _bounds = new int[32];
    private byte[] _scratch = new byte[256];
    private int _fields, _used;

    /// <summary>The record's fields, valid until the next call; a <see cref="BadRowException"/> when a quote is never closed.</summary>
    public RowReader.CsvFields Split(ReadOnlySpan<byte> record)
    {
        _fields = 0;
        _used = 0;
        var pos = 0;
        while (true)
        {
            var rest = record[pos..];
            var stop = rest.IndexOfAny((byte)',', (byte)'"');
            if (stop < 0)
            {
                Add(pos, rest);
                break;
            }
            if (rest[stop] == ',')
            {
                Add(pos, rest[..stop]);
                pos += stop + 1;
                continue;
            }
            var end = Quoted(record, pos);
            if (end >= record.Length) break;
            pos = end + 1;
        }
        return new RowReader.CsvFields(record, _scratch.AsSpan(0, _used), _bounds.AsSpan(0, 2 * _fields));
    }

    /// <summary>Reads a field holding quotes from <paramref name="start"/> into the scratch buffer; returns the index of the comma that ends it (or the record's length).</summary>
    private int Quoted(ReadOnlySpan<byte> record, int start)
    {
        Reserve(record.Length - start);
        var from = _used;
        var quoted = false;
        var i = start;
        for (; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted)
            {
                if (c != '"') _scratch[_used++] = c;
                else if (i + 1 < record.Length && record[i + 1] == '"') { _scratch[_used++] = c; i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') break;
            else _scratch[_used++] = c;
        }
        if (quoted) throw new BadRowException("unterminated quoted field");
        var field = _scratch.AsSpan(from, _used - from);
        var trimmed = field.TrimStart(" \t\r\n"u8);
        var offset = from + (field.Length - trimmed.Length);
        AddBounds(~offset, trimmed.TrimEnd(" \t\r\n"u8).Length);
        return i;
    }

    private void Add(int start, ReadOnlySpan<byte> field)
    {
        var trimmed = field.TrimStart(" \t"u8);
        AddBounds(start + (field.Length - trimmed.Length), trimmed.TrimEnd(" \t"u8).Length);
    }

    private void AddBounds(int start, int length)
    {
        if (2 * _fields + 2 > _bounds.Length) Array.Resize(ref _bounds, _bounds.Length * 2);
        _bounds[2 * _fields] = start;
        _bounds[2 * _fields + 1] = length;
        _fields++;
    }

    private void Reserve(int more)
    {
        if (_used + more > _scratch.Length) Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _used + more));
    }
}
