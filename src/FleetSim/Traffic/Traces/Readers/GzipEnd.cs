using System.IO.Compression;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// Gzip decompression that notices a truncated file. .NET's <see cref="GZipStream"/> reads every member of a
/// multi-member file but ends quietly when the last one is cut short. So one more member, holding only
/// <see cref="Marker"/>, is read after the file's own bytes: the text ends with the marker exactly when
/// every member of the file was whole (a cut one swallows the extra member as bad data or runs out).
/// The reader checks and strips the marker at the end.
/// </summary>
internal static class GzipEnd
{
    /// <summary>The text of the extra member: no line end, no NUL, not something a trace ends with.</summary>
    public static readonly byte[] Marker = "\u0001fleetsim: end of the gzip members\u0001"u8.ToArray();

    private static readonly byte[] Member = Compress(Marker);

    /// <summary>The decompressed text of <paramref name="file"/> followed by <see cref="Marker"/> when the file is whole.</summary>
    public static Stream Decompress(Stream file) => new GZipStream(new Appended(file, Member), CompressionMode.Decompress);

    private static byte[] Compress(byte[] text)
    {
        using var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Optimal)) gzip.Write(text);
        return bytes.ToArray();
    }

    /// <summary>A stream's bytes, then some more.</summary>
    private sealed class Appended(Stream first, byte[] then) : Stream
    {
        private int _at = -1;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_at < 0)
            {
                var read = first.Read(buffer);
                if (read > 0 || buffer.IsEmpty) return read;
                _at = 0;
            }
            var n = Math.Min(buffer.Length, then.Length - _at);
            then.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) first.Dispose();
            base.Dispose(disposing);
        }
    }
}
