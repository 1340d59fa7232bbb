namespace FleetSim.Traffic.Traces;

/// <summary>
/// A trace file's records as UTF-8 bytes, read in large blocks into one reused buffer: without the
/// byte-order mark, the line ends (LF or CRLF) and blank lines, each with the number of its first line.
/// In CSV mode a record runs on over line ends inside a quoted field (RFC 4180), up to <see cref="MaxRecordBytes"/>.
/// </summary>
internal sealed class TraceLines : ITraceRecords
{
    /// <summary>The longest record read (1 MiB): past it, the file is not a trace or a quote is never closed.</summary>
    public const int MaxRecordBytes = 1 << 20;

    /// <summary>Bytes asked of the stream at a time; the buffer starts at twice this and grows only for long records.</summary>
    private const int BlockBytes = 1 << 16;

    private readonly string _path;
    private readonly Stream _stream;
    private readonly bool _csv;
    private byte[] _buffer = new byte[2 * BlockBytes];
    private int _start, _end;
    private bool _eof, _first = true;
    private long _nextLine = 1;

    public TraceLines(string path, Stream stream, bool csv)
    {
        _path = path;
        _stream = stream;
        _csv = csv;
    }

    /// <summary>The first line number of the record last returned by <see cref="Next"/>.</summary>
    public long Line { get; private set; }

    /// <summary>The next non-blank record, valid until the next call; false at the end of the file.</summary>
    public bool Next(out ReadOnlySpan<byte> record)
    {
        while (true)
        {
            if (!NextRecord(out record)) return false;
            if (!record.Trim(" \t\r\n"u8).IsEmpty) return true;
        }
    }

    private bool NextRecord(out ReadOnlySpan<byte> record)
    {
        var scanned = 0;
        var inQuote = false;
        var lines = 0;
        while (true)
        {
            var pending = _buffer.AsSpan(_start + scanned, _end - _start - scanned);
            var newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                if (_csv && pending[..newline].Count((byte)'"') % 2 == 1) inQuote = !inQuote;
                scanned += newline + 1;
                lines++;
                if (inQuote)
                {
                    CheckLength(scanned, inQuote);
                    continue;
                }
                record = Take(scanned, scanned - 1, lines);
                return true;
            }
            CheckLength(_end - _start, inQuote || (_csv && pending.Count((byte)'"') % 2 == 1));
            if (_eof)
            {
                record = default;
                if (_end == _start) return false;
                record = Take(_end - _start, _end - _start, lines + 1);
                return true;
            }
            Fill();
        }
    }

    /// <summary>Returns the record of the next <paramref name="length"/> bytes without its line end, consuming <paramref name="consumed"/> bytes and <paramref name="lines"/> lines.</summary>
    private ReadOnlySpan<byte> Take(int consumed, int length, int lines)
    {
        var record = _buffer.AsSpan(_start, length);
        if (record.Length > 0 && record[^1] == '\r') record = record[..^1];
        _start += consumed;
        Line = _nextLine;
        _nextLine += lines;
        return record;
    }

    private void CheckLength(int length, bool inQuote)
    {
        if (length <= MaxRecordBytes) return;
        throw new TraceException(_path, _nextLine, inQuote
            ? "a quoted field runs on for more than 1 MiB: unterminated quote?"
            : "a line runs on for more than 1 MiB: not a text trace?");
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_buffer.Length - _end < BlockBytes) Array.Resize(ref _buffer, Math.Min(2 * _buffer.Length, MaxRecordBytes + 2 * BlockBytes));
        while (_end < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                break;
            }
            _end += read;
            if (_end - _start >= BlockBytes) break;
        }
        if (_first)
        {
            _first = false;
            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8)) _start = 3;
        }
    }

    public void Dispose() => _stream.Dispose();
}
