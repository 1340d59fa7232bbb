using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace FleetSim.Reporting.Charts;

/// <summary>
/// Writes text into a PNG's metadata: one <c>tEXt</c> chunk per keyword, inserted after the header chunk
/// (PNG specification, ISO/IEC 15948, §11.3.4.3: Latin-1 keyword of 1–79 characters, a zero byte, Latin-1 text;
/// each chunk is length, type, data and the CRC-32 of type and data). Viewers show these as the image's
/// properties (e.g. <c>exiftool</c>, <c>identify -verbose</c>).
/// </summary>
public static class PngText
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The PNG <paramref name="png"/> with a tEXt chunk for each (keyword, text) pair; characters outside Latin-1 become '?'.</summary>
    /// <exception cref="ArgumentException">The bytes are not a PNG, or a keyword is empty or over 79 characters.</exception>
    public static byte[] With(byte[] png, IEnumerable<(string Keyword, string Text)> entries)
    {
        if (png.Length < 33 || !png.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new ArgumentException("not a PNG", nameof(png));
        }
        int afterHeader = 8 + 8 + BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8)) + 4;
        using var result = new MemoryStream();
        result.Write(png, 0, afterHeader);
        foreach (var (keyword, text) in entries)
        {
            if (keyword.Length is 0 or > 79)
            {
                throw new ArgumentException($"a PNG keyword has 1 to 79 characters: '{keyword}'", nameof(entries));
            }
            WriteChunk(result, [.. Latin1(keyword), 0, .. Latin1(text)]);
        }
        result.Write(png, afterHeader, png.Length - afterHeader);
        return result.ToArray();
    }

    /// <summary>The chart's provenance as PNG text: Software, Description (the provenance line) and Creation Time.</summary>
    public static byte[] With(byte[] png, Provenance provenance) => With(png,
    [
        ("Software", $"fleetsim {provenance.FleetsimVersion}"),
        ("Description", provenance.Line(fullHash: true)),
        ("Creation Time", provenance.GeneratedUtc.UtcDateTime.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
    ]);

    /// <summary>
    /// The provenance of a chart made from input files as PNG text: Software, Description (<see cref="FileProvenance.Line"/>,
    /// each input's full SHA-256) and Creation Time, the keywords <see cref="With(byte[], Provenance)"/> writes.
    /// </summary>
    public static byte[] With(byte[] png, FileProvenance provenance) => With(png,
    [
        ("Software", $"fleetsim {provenance.FleetsimVersion}"),
        ("Description", provenance.Line()),
        ("Creation Time", provenance.GeneratedUtc.UtcDateTime.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
    ]);

    private static byte[] Latin1(string s) => Encoding.Latin1.GetBytes(s.Select(c => c <= '\u00FF' ? c : '?').ToArray());

    private static void WriteChunk(Stream s, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        s.Write(word);
        byte[] typed = [.. "tEXt"u8, .. data];
        s.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.HashToUInt32(typed));
        s.Write(word);
    }
}
