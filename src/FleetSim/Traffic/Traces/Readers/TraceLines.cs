using System.Runtime.CompilerServices;
using FleetSim.Scenario;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// A trace file's records as UTF-8 bytes, read in large blocks into one reused buffer: without the
/// byte-order mark, the line ends (LF or CRLF) and blank lines, each with the number of its first line.
/// In CSV mode a record runs on over line ends inside a quoted field (RFC 4180), up to <see cref="MaxRecordBytes"/>.
/// The bytes may come through a decompressor (<see cref="Compression"/>); a file with NUL bytes at the start is refused as not text.
/// </summary>
internal sealed class TraceLines : ITraceRecords
{
    /// <summary>The longest record read (1 MiB, <see cref="InputLimits.MaxTraceRecordBytes"/>): past it, the file is not a trace or a quote is never closed.</summary>
    public const int MaxRecordBytes = InputLimits.MaxTraceRecordBytes;

    /// <summary>Lines (blank ones included) a trace may have: two per row of <see cref="InputLimits.MaxTraceRows"/>, so endless blank lines end too.</summary>
    public const long MaxLines = 2 * InputLimits.MaxTraceRows;

    private const string Truncated = "it ends in the middle (a truncated file?)";

    /// <summary>Bytes asked of the stream at a time; the buffer starts at twice this and grows only for long records.</summary>
    private const int BlockBytes = 1 << 16;

    private readonly string _path;
    private readonly Stream _stream;
    private readonly bool _csv;
    private readonly byte[]? _endMarker;
    private byte[] _buffer = new byte[2 * BlockBytes];
    private int _start, _end;
    private int _nextQuote = -1;
    private bool _eof, _first = true;
    private long _nextLine = 1;

    /// <summary>Records of <paramref name="stream"/> (decompressed by <paramref name="compression"/>, null for plain text), whose text ends with <paramref name="endMarker"/> when it is whole.</summary>
    public TraceLines(string path, Stream stream, bool csv, string? compression, byte[]? endMarker)
    {
        _path = path;
        _stream = stream;
        _csv = csv;
        Compression = compression;
        _endMarker = endMarker;
    }

    /// <summary>"gzip" or "zstd" when the file is compressed, else null.</summary>
    public string? Compression { get; }

    /// <summary>The first line number of the record last returned by <see cref="Next"/>.</summary>
    public long Line { get; private set; }

    /// <summary>The next non-blank record, valid until the next call; false at the end of the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out ReadOnlySpan<byte> record)
    {
        while (true)
        {
            if (!NextRecord(out record)) return false;
            if (!Blanks.IsEmptyRecord(record)) return true;
            if (_nextLine > MaxLines) throw Fail(_nextLine, $"more than {MaxLines:N0} lines, mostly blank: not a trace?");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool NextRecord(out ReadOnlySpan<byte> record)
    {
        var scanned = 0;
        var inQuote = false;
        var lines = 0;
        while (true)
        {
            var from = _start + scanned;
            var newline = ByteSearch.IndexOf(_buffer.AsSpan(from, _end - from), (byte)'\n');
            if (newline >= 0)
            {
                if (_csv && QuotesOdd(from, from + newline)) inQuote = !inQuote;
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
            CheckLength(_end - _start, inQuote || (_csv && QuotesOdd(from, _end)));
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

    /// <summary>
    /// Whether the buffer holds an odd number of quotes in [<paramref name="from"/>, <paramref name="to"/>): found by
    /// looking ahead once for the next quote, so quote-free stretches cost nothing per line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool QuotesOdd(int from, int to)
    {
        if (_nextQuote < from)
        {
            var at = ByteSearch.IndexOf(_buffer.AsSpan(from, _end - from), (byte)'"');
            _nextQuote = at < 0 ? _end : from + at;
        }
        if (_nextQuote >= to) return false;
        _nextQuote = -1;
        return ByteSearch.Count(_buffer.AsSpan(from, to - from), (byte)'"') % 2 == 1;
    }

    /// <summary>Returns the record of the next <paramref name="length"/> bytes without its line end, consuming <paramref name="consumed"/> bytes and <paramref name="lines"/> lines.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int consumed, int length, int lines)
    {
        var record = _buffer.AsSpan(_start, length);
        if (record.Length > 0 && record[^1] == '\r') record = record[..^1];
        _start += consumed;
        Line = _nextLine;
        _nextLine += lines;
        return record;
    }

    /// <summary>
    /// Copies the next bytes of the text into <paramref name="into"/> as they come, not split into records (for JSON
    /// documents, <see cref="JsonRecords"/>); 0 at the end. A compressed file's end marker is held back until the end.
    /// </summary>
    public int Read(Span<byte> into)
    {
        var hold = _endMarker?.Length ?? 0;
        while (!_eof && _end - _start <= hold) Fill();
        var length = Math.Min(into.Length, _eof ? _end - _start : _end - _start - hold);
        _buffer.AsSpan(_start, length).CopyTo(into);
        _start += length;
        return length;
    }

    /// <summary>
    /// The exception to throw for a problem met at <paramref name="line"/>, unless the compressed stream turns out
    /// damaged further on (a cut or corrupt file decompresses to garbage at its end): then that.
    /// </summary>
    public TraceException Fail(long line, string why) => Fail(new TraceException(_path, line, why));

    /// <summary>The exception to throw for <paramref name="problem"/>, or the compressed stream's damage when it has some.</summary>
    public TraceException Fail(TraceException problem)
    {
        if (Compression is null) return problem;
        try
        {
            while (!_eof)
            {
                _start = Math.Max(_start, _end - MaxRecordBytes / 2);
                Fill();
            }
        }
        catch (TraceException damage)
        {
            return damage;
        }
        return problem;
    }

    private void CheckLength(int length, bool inQuote)
    {
        if (length <= MaxRecordBytes) return;
        throw Fail(_nextLine, inQuote
            ? "a quoted field runs on for more than 1 MiB: unterminated quote?"
            : "a line runs on for more than 1 MiB: not a text trace?");
    }

    private void Fill()
    {
        _nextQuote = -1;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_buffer.Length - _end < BlockBytes) Array.Resize(ref _buffer, Math.Min(2 * _buffer.Length, MaxRecordBytes + 2 * BlockBytes));
        while (_end < _buffer.Length)
        {
            var read = ReadBlock();
            if (read == 0)
            {
                _eof = true;
                StripEndMarker();
                break;
            }
            _end += read;
            if (_end - _start >= BlockBytes) break;
        }
        if (_first)
        {
            _first = false;
            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8)) _start = 3;
            if (_buffer.AsSpan(_start, _end - _start).Contains((byte)0))
                throw new TraceException(_path, 0, "is not text (it holds NUL bytes; UTF-16 text must be saved as UTF-8): " +
                                                   "a trace is CSV or JSON lines, plain or compressed with gzip or zstd");
        }
    }

    private int ReadBlock()
    {
        try
        {
            return _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (Exception e) when (Compression is not null && e is InvalidDataException or EndOfStreamException or ZstdSharp.ZstdException)
        {
            // .NET's own gzip message ("compressed using an unsupported compression method") misleads; say what it means.
            var why = e switch
            {
                EndOfStreamException => Truncated,
                ZstdSharp.ZstdException => $"the data is corrupt ({e.Message})",
                _ => "the data is corrupt or cut short (a damaged or truncated file?)",
            };
            throw new TraceException(_path, 0, $"not a readable {Compression} stream: {why}");
        }
        catch (IOException e)
        {
            throw new TraceException(_path, 0, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>At the end of the text: takes off the marker that shows a compressed file was whole, or says it was not.</summary>
    private void StripEndMarker()
    {
        if (_endMarker is null) return;
        if (!_buffer.AsSpan(_start, _end - _start).EndsWith(_endMarker))
            throw new TraceException(_path, 0, $"not a readable {Compression} stream: {Truncated}");
        _end -= _endMarker.Length;
    }

    public void Dispose() => _stream.Dispose();
}
