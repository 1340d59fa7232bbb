using System.Globalization;
using System.Text;

namespace FleetSim.Scenario;

/// <summary>
/// How big, deep, long and many each input may be, in one place: every reader (scenario and LiteLLM YAML,
/// --set values, traces, the sweep grid, tiers' spend levels) checks its input against these and refuses
/// what exceeds them with a message naming the file (and line) or the flag, the value and the limit. Each
/// limit sits far above any real input and far below what would exhaust memory, time or an int: work
/// scales with what the user asked for, never with a number in a file. See docs/limits.md.
/// </summary>
public static class InputLimits
{
    /// <summary>Bytes a scenario file may hold: 1 MiB. A scenario is a few kilobytes; more is not a scenario (or an endless stream).</summary>
    public const int MaxScenarioBytes = 1 << 20;

    /// <summary>Bytes a LiteLLM proxy config.yaml may hold: 1 MiB (a config of a thousand deployments is about 200 KB).</summary>
    public const int MaxLiteLlmConfigBytes = 1 << 20;

    /// <summary>Bytes a sweep's sweep.json manifest may hold (read by merge): 16 MiB, for grids of many axes.</summary>
    public const int MaxSweepManifestBytes = 16 << 20;

    /// <summary>Characters one --set value may hold: 64 Ki (an hourly shape of 168 numbers is about 1 KB).</summary>
    public const int MaxSetValueChars = 1 << 16;

    /// <summary>How deeply YAML sections and lists may nest: 64 levels (a scenario nests at most 5).</summary>
    public const int MaxYamlDepth = 64;

    /// <summary>
    /// YAML nodes (keys, values, sections and list items) one document may hold, counting each alias (*name) as
    /// the nodes of what it refers to, so nested aliases cannot expand into billions ("billion laughs"): 100,000.
    /// </summary>
    public const int MaxYamlNodes = 100_000;

    /// <summary>Data rows a trace may hold: 100 million (a 2.4M-row Azure trace is about 100 MB; a year of a busy gateway is about 80M calls).</summary>
    public const long MaxTraceRows = 100_000_000;

    /// <summary>Years a trace may span, first row to last (and an undated stamp from the trace's zero): 5 years of 365 days.</summary>
    public const int MaxTraceSpanYears = 5;

    /// <summary><see cref="MaxTraceSpanYears"/> in 100 ns ticks.</summary>
    public const long MaxTraceSpanTicks = MaxTraceSpanYears * 365 * TimeSpan.TicksPerDay;

    /// <summary>The first year a dated trace stamp may fall in: 1970 (the Unix epoch; no LLM traffic is older).</summary>
    public const int EarliestStampYear = 1970;

    /// <summary>The last year a dated trace stamp may fall in: 2199 (later is a typo, and near year 9999 time-zone arithmetic overflows).</summary>
    public const int LatestStampYear = 2199;

    /// <summary>Bytes one trace record (a line, or a CSV record with quoted line ends) may hold: 1 MiB. Past it the file is not a trace.</summary>
    public const int MaxTraceRecordBytes = 1 << 20;

    /// <summary>Processed tokens one request may carry: 10 million, more than any model's context window.</summary>
    public const double MaxTokensPerRequest = 10_000_000;

    /// <summary>
    /// Processed tokens a trace may carry in one minute (an aggregate row, per minute of its bucket): 10^12, about
    /// 17 billion tok/s, hundreds of times the largest public fleets; it keeps every derived replica, slot and node count inside an int.
    /// </summary>
    public const double MaxTokensPerMinute = 1e12;

    /// <summary>Monthly processed tokens a scenario may ask for: 10^18 (about 380 billion tok/s).</summary>
    public const double MaxMonthlyTokens = 1e18;

    /// <summary>
    /// The range of <c>replica.prefill_tokens_per_second</c>: at least 1 tok/s (below that a prompt of any size takes
    /// hours to its first token: a unit mistake) and at most 10¹⁰.
    /// </summary>
    public const double LeastPrefillTokensPerSecond = 1, MostPrefillTokensPerSecond = 1e10;

    /// <summary>Replicas a fleet may have: 100,000 (with at most 10,000 slots each, 10^9 slots still fit in an int).</summary>
    public const int MaxReplicas = 100_000;

    /// <summary>Points in a replica's throughput_curve: 10,000, one per request in flight up to max_in_flight's own limit.</summary>
    public const int MaxCurvePoints = 10_000;

    /// <summary>Simulated months a sweep may run (grid points × policies × --runs) without --force: 1,000,000.</summary>
    public const long MaxSweepRuns = 1_000_000;

    /// <summary>Grid points a sweep's axes may multiply to, even with --force: 1,000,000 (each point is a scenario checked before the first month runs).</summary>
    public const long MaxGridPoints = 1_000_000;

    /// <summary>A monthly API spend level (tiers --spend, tiers.spend): at most $1 billion a month, above any real inference budget.</summary>
    public const double MaxMonthlySpendUsd = 1e9;

    /// <summary>Spend levels (or other per-tier lists) tiers may compare: 20, each a full policy comparison (several seconds at $1B a month).</summary>
    public const int MaxSpendLevels = 20;

    /// <summary>
    /// The text of <paramref name="path"/>, read through at most <paramref name="maxBytes"/> + 1 bytes, so a huge file,
    /// a FIFO or an endless device (/dev/zero) is refused without being read to its end. UTF-8 unless a byte-order mark says otherwise.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most bytes it may hold.</param>
    /// <param name="kind">What the file should be, for messages: "a scenario", "a LiteLLM config", "a sweep.json".</param>
    /// <param name="decompress">Read a gzip or zstd file (found by its magic bytes) as the text it holds, the limit counting the text, so a small file that inflates without end is refused too.</param>
    /// <exception cref="ScenarioException">The file is missing, a folder, unreadable, corrupt when compressed, or longer than <paramref name="maxBytes"/>; the message names it and the limit.</exception>
    public static string ReadText(string path, int maxBytes, string kind, bool decompress = false)
    {
        if (Directory.Exists(path))
        {
            throw new ScenarioException(path, "", $"is a folder, not {kind} file");
        }
        byte[] buffer = new byte[Math.Min(maxBytes + 1, 1 << 16)];
        int length = 0;
        try
        {
            using Stream file = Opened(path, decompress, out string? compression);
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        throw new ScenarioException(path, "", compression is null
                            ? $"is more than {Bytes(maxBytes)}, the most {kind} file may hold: is this the right file?"
                            : $"holds more than {Bytes(maxBytes)} once decompressed ({compression}), the most {kind} file may hold: is this the right file?");
                    }
                    Array.Resize(ref buffer, Math.Min(maxBytes + 1, 2 * buffer.Length));
                }
                int read = file.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
        }
        catch (Exception e) when (decompress && e is InvalidDataException or ZstdSharp.ZstdException)
        {
            throw new ScenarioException(path, "", $"is compressed but corrupt ({e.Message.TrimEnd('.')})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string why = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw new ScenarioException(path, "", why);
        }
        using var reader = new StreamReader(new MemoryStream(buffer, 0, length), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>The file, or with <paramref name="decompress"/> its gzip (1F 8B) or zstd (28 B5 2F FD) content.</summary>
    private static Stream Opened(string path, bool decompress, out string? compression)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        compression = null;
        if (!decompress || !file.CanSeek)
        {
            return file;
        }
        Span<byte> head = stackalloc byte[4];
        int read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (read >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            compression = "gzip";
            return new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        }
        if (read == 4 && head.SequenceEqual((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]))
        {
            compression = "zstd";
            return new ZstdSharp.DecompressionStream(file, leaveOpen: false);
        }
        return file;
    }

    /// <summary>
    /// The lines of <paramref name="path"/> (UTF-8), each at most <paramref name="maxLineChars"/> characters, read lazily,
    /// so a file with a line that never ends (/dev/zero) is refused at the limit instead of being buffered without bound.
    /// </summary>
    /// <exception cref="ScenarioException">A line is longer than the limit; the message names the file, the line and the limit.</exception>
    public static IEnumerable<string> ReadLines(string path, int maxLineChars, string kind)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var line = new StringBuilder();
        int number = 1;
        while (true)
        {
            int c = reader.Read();
            if (c < 0 || c == '\n')
            {
                if (c < 0 && line.Length == 0)
                {
                    yield break;
                }
                if (line.Length > 0 && line[^1] == '\r')
                {
                    line.Length--;
                }
                yield return line.ToString();
                line.Clear();
                number++;
                if (c < 0)
                {
                    yield break;
                }
                continue;
            }
            if (line.Length >= maxLineChars)
            {
                throw new ScenarioException(path, "",
                    string.Create(CultureInfo.InvariantCulture, $"line {number} is longer than {maxLineChars:N0} characters, more than {kind} line may hold: is this the right file?"));
            }
            line.Append((char)c);
        }
    }

    /// <summary>"1 MiB", "64 KiB", "100 bytes".</summary>
    public static string Bytes(long bytes) =>
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB"
        : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? $"{bytes >> 10} KiB"
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    /// <summary>
    /// Null when <paramref name="replicas"/> (a count derived from the scenario, before any int cast) fits a fleet,
    /// else why not, naming <paramref name="what"/> made it and <see cref="MaxReplicas"/>.
    /// </summary>
    public static string? CheckReplicas(double replicas, string what) =>
        replicas <= MaxReplicas ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"{what} makes a fleet of {replicas:G4} replicas, more than the {MaxReplicas:N0} a fleet may have (a unit error, or throughput per replica too low?)");
}
