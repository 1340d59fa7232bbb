using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RowReader.CsvFields Split(ReadOnlySpan<byte> record)
    {
        if (!Vector256.IsHardwareAccelerated || !SplitUnquoted(record)) SplitAny(record);
        return new RowReader.CsvFields(record, _scratch.AsSpan(0, _used), _bounds.AsSpan(0, 2 * _fields));
    }

    /// <summary>
    /// Splits a record without quotes, finding its commas 32 bytes at a time (the last block overlapping the
    /// one before; a record under 32 bytes byte by byte); false when the record holds a quote.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SplitUnquoted(ReadOnlySpan<byte> record)
    {
        _fields = 0;
        _used = 0;
        var start = 0;
        if (record.Length < 32)
        {
            for (var i = 0; i < record.Length; i++)
            {
                var c = record[i];
                if (c == '"') return false;
                if (c != ',') continue;
                Add(record, start, i);
                start = i + 1;
            }
            Add(record, start, record.Length);
            return true;
        }
        var comma = Vector256.Create((byte)',');
        var quote = Vector256.Create((byte)'"');
        for (var block = 0; block < record.Length; block += 32)
        {
            var from = Math.Min(block, record.Length - 32);
            var bytes = Vector256.Create(record.Slice(from, 32));
            var skip = block - from;
            if ((Vector256.Equals(bytes, quote).ExtractMostSignificantBits() >> skip) != 0) return false;
            var commas = Vector256.Equals(bytes, comma).ExtractMostSignificantBits() >> skip;
            while (commas != 0)
            {
                var at = block + BitOperations.TrailingZeroCount(commas);
                Add(record, start, at);
                start = at + 1;
                commas &= commas - 1;
            }
        }
        Add(record, start, record.Length);
        return true;
    }

    /// <summary>Splits any record, quoted fields and all.</summary>
    private void SplitAny(ReadOnlySpan<byte> record)
    {
        _fields = 0;
        _used = 0;
        var start = 0;
        while (true)
        {
            var stop = record[start..].IndexOfAny((byte)',', (byte)'"');
            if (stop < 0)
            {
                Add(record, start, record.Length);
                break;
            }
            if (record[start + stop] == ',')
            {
                Add(record, start, start + stop);
                start += stop + 1;
                continue;
            }
            var end = Quoted(record, start);
            if (end >= record.Length) break;
            start = end + 1;
        }
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
        var end = _used;
        while (from < end && IsSpace(_scratch[from])) from++;
        while (end > from && IsSpace(_scratch[end - 1])) end--;
        AddBounds(~from, end - from);
        return i;
    }

    /// <summary>Adds the unquoted field [<paramref name="start"/>, <paramref name="end"/>) of the record, trimmed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(ReadOnlySpan<byte> record, int start, int end)
    {
        while (start < end && Blanks.IsBlank(record[start])) start++;
        while (end > start && Blanks.IsBlank(record[end - 1])) end--;
        AddBounds(start, end - start);
    }

    private static bool IsSpace(byte c) => Blanks.IsBlank(c) || c is (byte)'\r' or (byte)'\n';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
