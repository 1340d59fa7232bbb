using System.Globalization;
using System.Text;

namespace FleetSim.Benchmarks;

/// <summary>
/// A deterministic Azure-format trace for the trace-reading benchmark: 2.4 million rows
/// "2023-11-16 18:17:03.9799600,ContextTokens,GeneratedTokens" spread over one day in time order, written
/// once to the temp folder and reused while its size matches.
/// </summary>
public static class AzureTraceFile
{
    public const int Rows = 2_400_000;

    /// <summary>The file's path, written first when it is missing or of another size.</summary>
    public static string Path(out long bytes)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fleetsim-bench-azure-2.4M.csv");
        byte[] text = Text();
        bytes = text.Length;
        if (!File.Exists(path) || new FileInfo(path).Length != text.Length)
        {
            File.WriteAllBytes(path, text);
        }
        return path;
    }

    private static byte[] Text()
    {
        var random = new Random(20231116);
        var start = new DateTime(2023, 11, 16, 0, 0, 0);
        long step = TimeSpan.TicksPerDay / Rows, ticks = 0;
        var text = new StringBuilder(Rows * 40);
        text.Append("TIMESTAMP,ContextTokens,GeneratedTokens\n");
        for (int i = 0; i < Rows; i++)
        {
            ticks += random.NextInt64(2 * step + 1);
            text.Append(start.AddTicks(ticks).ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture))
                .Append(',').Append(1 + random.Next(8000)).Append(',').Append(1 + random.Next(800)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
