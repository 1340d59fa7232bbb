namespace FleetSim.Traffic.Traces;

/// <summary>
/// Opens a trace file as text: plain, or gzip (1F 8B) or zstd (28 B5 2F FD) told by its first bytes whatever
/// its name. Other binary files are refused, naming the kind when the first bytes show it.
/// </summary>
internal static class TraceFile
{
    private static readonly (byte[] Magic, string Kind)[] Refused =
    [
        ([0x50, 0x4B, 0x03, 0x04], "a zip archive: unzip it and read the trace inside"),
        ([0x42, 0x5A, 0x68], "bzip2-compressed: decompress it (bunzip2) or recompress it with gzip or zstd"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed: decompress it (unxz) or recompress it with gzip or zstd"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7z archive: unpack it and read the trace inside"),
        ("PAR1"u8.ToArray(), "a Parquet file: export it as CSV"),
    ];

    /// <summary>The file's records (see <see cref="TraceLines"/>), decompressed when it is gzip or zstd.</summary>
    public static TraceLines Lines(string path, bool csv)
    {
        var file = Open(path);
        try
        {
            Span<byte> head = stackalloc byte[8];
            var length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..length];
            file.Position = 0;
            if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
                return new TraceLines(path, GzipEnd.Decompress(file), csv, "gzip", GzipEnd.Marker);
            if (head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]))
                return new TraceLines(path, new ZstdSharp.DecompressionStream(file, leaveOpen: false), csv, "zstd", null);
            foreach (var (magic, kind) in Refused)
            {
                if (head.StartsWith(magic)) throw new TraceException(path, 0, $"is {kind}; a trace is CSV or JSON lines text, plain or compressed with gzip or zstd");
            }
            return new TraceLines(path, file, csv, null, null);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static FileStream Open(string path)
    {
        if (!File.Exists(path)) throw new TraceException(path, 0, Directory.Exists(path) ? "is a folder, not a trace file" : "no such file");
        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (!file.CanSeek)
            {
                // A pipe is read once, but a trace is read twice (its format is told from its start, then it is read whole).
                file.Dispose();
                throw new TraceException(path, 0, "is a pipe or a stream, not a file: a trace is read twice (to detect its format, then whole); save it to a file first");
            }
            return file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TraceException(path, 0, $"cannot be opened: {e.Message}");
        }
    }
}
