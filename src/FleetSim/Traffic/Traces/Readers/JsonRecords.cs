namespace FleetSim.Traffic.Traces;

/// <summary>
/// The records of a JSON trace file wherever exports put them, streamed in constant memory: the objects
/// of a top-level array ([{...}, {...}]), of a page object's "data" array ({"data": [...], "total": 2},
/// as paged APIs return them), or one object per line (JSON lines). Arrays and pages may nest (a saved
/// list of pages) and follow one another. A record is an object's UTF-8 bytes (up to
/// <see cref="TraceLines.MaxRecordBytes"/>) with the line it starts on; any other value where a record
/// belongs (a number, a stray bracket) is returned as it stands, for the reader to reject.
/// </summary>
/// <remarks>
/// Only strings, brackets and braces are scanned here: a record's own syntax is the reader's to check.
/// An object is a page when one of its own keys is "data" with an array value. In a JSON-lines file
/// (its first record is a single line) a record never runs past its line, so a broken line is one bad
/// row. An array or page still open at the end of the file means the file was cut short: a
/// <see cref="TraceException"/> on the line it opened. The text comes from <see cref="TraceLines.Read"/>, so a
/// compressed file is read, and a damaged one reported, the same way as a CSV trace.
/// </remarks>
internal sealed class JsonRecords : ITraceRecords
{
    private const int BlockBytes = 1 << 20;

    private readonly TraceLines _text;
    private readonly byte[] _buffer = new byte[TraceLines.MaxRecordBytes + BlockBytes];
    private readonly Stack<(bool Page, long Line)> _open = new();
    private int _start, _end;
    private bool _eof;
    private long _line = 1;
    private bool? _linesMode;
    private int _restDepth;
    private bool _restInString, _restEscape;

    public JsonRecords(TraceLines text)
    {
        _text = text;
    }

    private enum Scan
    {
        Record,
        Page,
        LineEnd,
        More,
    }

    /// <inheritdoc/>
    public long Line { get; private set; }

    /// <inheritdoc/>
    public string? Compression => _text.Compression;

    /// <inheritdoc/>
    public bool Next(out ReadOnlySpan<byte> record)
    {
        while (true)
        {
            if (_open.TryPeek(out var top) && top.Page)
            {
                SkipPageRest();
                continue;
            }
            if (!SkipSeparators())
            {
                if (_open.Count > 0) throw Unclosed(_open.Last());
                record = default;
                return false;
            }
            var c = _buffer[_start];
            if (c == '[')
            {
                _open.Push((false, _line));
                Consume(1);
            }
            else if (c == ']' && _open.Count > 0)
            {
                _open.Pop();
                Consume(1);
            }
            else if (c == '{')
            {
                if (Object(out record)) return true;
            }
            else
            {
                record = Take(ScalarLength());
                return true;
            }
        }
    }

    /// <inheritdoc/>
    public TraceException Fail(long line, string why) => _text.Fail(line, why);

    /// <inheritdoc/>
    public TraceException Fail(TraceException problem) => _text.Fail(problem);

    public void Dispose() => _text.Dispose();

    /// <summary>The object at the cursor: true and the record, or false once it turned out a page (its array is then open).</summary>
    private bool Object(out ReadOnlySpan<byte> record)
    {
        while (true)
        {
            var (scan, at) = ScanObject();
            switch (scan)
            {
                case Scan.Record:
                    record = Take(at + 1 - _start);
                    if (_open.Count == 0) _linesMode ??= !record.Contains((byte)'\n');
                    return true;
                case Scan.LineEnd:
                    record = Take(at - _start);
                    return true;
                case Scan.Page:
                    _open.Push((true, _line));
                    Consume(at - _start);
                    _open.Push((false, _line));
                    Consume(1);
                    record = default;
                    return false;
                default:
                    if (_eof)
                    {
                        record = Take(_end - _start);
                        return true;
                    }
                    if (_end - _start >= TraceLines.MaxRecordBytes)
                        throw Fail(_line, "a JSON object runs on for more than 1 MiB: never closed?");
                    Fill();
                    break;
            }
        }
    }

    /// <summary>Scans the object at the cursor to its closing brace, the '[' of its own "data" array, or a line end (JSON lines).</summary>
    private (Scan, int) ScanObject()
    {
        var depth = 0;
        var inString = false;
        var escape = false;
        var stringStart = 0;
        var dataKey = 0; // 1: the string "data" at depth 1 was read; 2: and its colon
        var cutAtLine = _linesMode == true && _open.Count == 0;
        for (var i = _start; i < _end; i++)
        {
            var b = _buffer[i];
            if (cutAtLine && b == '\n') return (Scan.LineEnd, i);
            if (inString)
            {
                if (escape) escape = false;
                else if (b == '\\') escape = true;
                else if (b == '"')
                {
                    inString = false;
                    dataKey = depth == 1 && _buffer.AsSpan(stringStart + 1, i - stringStart - 1).SequenceEqual("data"u8) ? 1 : 0;
                }
                continue;
            }
            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    stringStart = i;
                    dataKey = 0;
                    break;
                case (byte)'[' when dataKey == 2 && depth == 1:
                    return (Scan.Page, i);
                case (byte)'{' or (byte)'[':
                    depth++;
                    dataKey = 0;
                    break;
                case (byte)'}' or (byte)']':
                    depth--;
                    dataKey = 0;
                    if (depth == 0) return (Scan.Record, i);
                    break;
                case (byte)':':
                    dataKey = dataKey == 1 ? 2 : 0;
                    break;
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    break;
                default:
                    dataKey = 0;
                    break;
            }
        }
        return (Scan.More, _end);
    }

    /// <summary>Passes over the rest of a page after its "data" array, to its closing brace.</summary>
    private void SkipPageRest()
    {
        while (true)
        {
            if (_start == _end)
            {
                if (_eof) throw Unclosed(_open.Last());
                Fill();
                continue;
            }
            var i = _start;
            for (; i < _end; i++)
            {
                var b = _buffer[i];
                if (_restInString)
                {
                    if (_restEscape) _restEscape = false;
                    else if (b == '\\') _restEscape = true;
                    else if (b == '"') _restInString = false;
                }
                else if (b == '"') _restInString = true;
                else if (b is (byte)'{' or (byte)'[') _restDepth++;
                else if (b is (byte)'}' or (byte)']' && _restDepth-- == 0)
                {
                    _restDepth = 0;
                    Consume(i + 1 - _start);
                    _open.Pop();
                    return;
                }
            }
            Consume(i - _start);
        }
    }

    /// <summary>Moves past whitespace and commas; false at the end of the file.</summary>
    private bool SkipSeparators()
    {
        while (true)
        {
            var i = _start;
            while (i < _end && _buffer[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',') i++;
            Consume(i - _start);
            if (_start < _end) return true;
            if (_eof) return false;
            Fill();
        }
    }

    /// <summary>The length of a value that is not an object or array: a string, a word or number, or one stray bracket.</summary>
    private int ScalarLength()
    {
        while (true)
        {
            var i = _start;
            if (_buffer[i] is (byte)'}' or (byte)']') return 1;
            if (_buffer[i] == '"')
            {
                for (i++; i < _end && _buffer[i] != '"' && _buffer[i] != '\n'; i++)
                {
                    if (_buffer[i] == '\\') i++;
                }
                if (i < _end) return (_buffer[i] == '"' ? i + 1 : i) - _start;
            }
            else
            {
                while (i < _end && _buffer[i] is not ((byte)',' or (byte)']' or (byte)'}' or (byte)'[' or (byte)'{'
                       or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) i++;
                if (i < _end) return i - _start;
            }
            if (_eof || _end - _start >= TraceLines.MaxRecordBytes) return _end - _start;
            Fill();
        }
    }

    /// <summary>The next <paramref name="length"/> bytes as a record starting on the current line.</summary>
    private ReadOnlySpan<byte> Take(int length)
    {
        Line = _line;
        var record = _buffer.AsSpan(_start, length);
        Consume(length);
        return record;
    }

    private void Consume(int count)
    {
        _line += _buffer.AsSpan(_start, count).Count((byte)'\n');
        _start += count;
    }

    private TraceException Unclosed((bool Page, long Line) open) =>
        Fail(open.Line, $"this JSON {(open.Page ? "page" : "array")} never closes: the file was cut short?");

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        while (_end < _buffer.Length)
        {
            var read = _text.Read(_buffer.AsSpan(_end));
            if (read == 0)
            {
                _eof = true;
                break;
            }
            _end += read;
            if (_end - _start >= BlockBytes) break;
        }
    }
}
