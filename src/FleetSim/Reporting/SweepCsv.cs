using System.Globalization;
using System.Text;
using FleetSim.Runs.MonteCarlo;

namespace FleetSim.Reporting;

/// <summary>
/// runs.csv and summary.csv. A run's numbers are rounded when its record is made (<see cref="RunRecord.Of"/>)
/// and written in round-trip form, so reading runs.csv back (as `fleetsim merge` does) gives the very
/// same doubles and so the very same summary. summary.csv's statistics are rounded as JSON's are
/// (<see cref="Units.Rounding"/>: dollars to cents, shares to 6 decimals). A savings share that is
/// undefined (a month, or every month of a grid point, with no API bill) is an empty field.
/// </summary>
public static class SweepCsv
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public const string RunsHeader = BeforeInFlightHeader + InFlightColumns;

    /// <summary>The grid point's max in flight as its replicas run it (after the slo) and as configured: the last two columns of runs.csv and summary.csv.</summary>
    private const string InFlightColumns = ",max_in_flight,max_in_flight_configured";

    /// <summary>runs.csv's header before the max in flight's two columns; such a file still reads (its max in flight unknown, written empty).</summary>
    public const string BeforeInFlightHeader = BeforeClassesHeader + ",batch_api_tokens,batch_api_usd";

    /// <summary>runs.csv's header before traffic classes added the batch tier's two columns; such a file still reads (its batch figures 0).</summary>
    public const string BeforeClassesHeader =
        "item,grid_index,grid,policy,run,seed,demand_tokens,all_api_usd,self_host_usd,api_usd,total_usd,savings_usd,savings_fraction,spill_share,utilization";

    public static void WriteRuns(IEnumerable<RunRecord> records, TextWriter w)
    {
        w.WriteLine(RunsHeader);
        foreach (RunRecord r in records.OrderBy(r => r.Item))
        {
            w.WriteLine(string.Join(',',
                r.Item.ToString(Inv), r.GridIndex.ToString(Inv), Quote(r.Grid), Quote(r.Policy), r.Run.ToString(Inv), r.Seed.ToString(Inv),
                R(r.DemandTokens), R(r.AllApiUsd), R(r.SelfHostUsd), R(r.ApiUsd), R(r.TotalUsd), R(r.SavingsUsd),
                r.SavingsFraction is { } share ? R(share) : "", R(r.SpillShare), R(r.Utilization), R(r.BatchApiTokens), R(r.BatchApiUsd),
                I(r.MaxInFlight), I(r.MaxInFlightConfigured)));
        }
    }

    /// <summary>
    /// Reads a runs.csv (or one written before the max in flight's columns, <see cref="BeforeInFlightHeader"/>, or before the batch
    /// tier's, <see cref="BeforeClassesHeader"/>); a malformed line throws <see cref="FormatException"/> naming the file and line.
    /// </summary>
    public static List<RunRecord> ReadRuns(string path)
    {
        var records = new List<RunRecord>();
        int line = 0, fields = 19;
        foreach (string text in Scenario.InputLimits.ReadLines(path, 1 << 16, "a runs.csv"))
        {
            line++;
            if (line == 1)
            {
                fields = text == RunsHeader ? 19 : text == BeforeInFlightHeader ? 17 : text == BeforeClassesHeader ? 15 : 0;
                if (fields == 0)
                {
                    throw new FormatException($"{path}:1: not a FleetSim runs.csv (unexpected header)");
                }
                continue;
            }
            if (text.Length == 0)
            {
                continue;
            }
            string[] f = Split(text);
            try
            {
                if (f.Length != fields)
                {
                    throw new FormatException($"expected {fields} fields, found {f.Length}");
                }
                records.Add(new RunRecord(long.Parse(f[0], Inv), int.Parse(f[1], Inv), f[2], f[3], int.Parse(f[4], Inv), int.Parse(f[5], Inv),
                    D(f[6]), D(f[7]), D(f[8]), D(f[9]), D(f[10]), D(f[11]), f[12].Length == 0 ? null : D(f[12]), D(f[13]), D(f[14]),
                    fields >= 17 ? D(f[15]) : 0, fields >= 17 ? D(f[16]) : 0, fields == 19 ? InFlight(f[17]) : null, fields == 19 ? InFlight(f[18]) : null));
            }
            catch (FormatException e)
            {
                throw new FormatException($"{path}:{line}: {e.Message}");
            }
        }
        return records;
    }

    public static void WriteSummary(IEnumerable<SweepGroup> groups, TextWriter w)
    {
        string[] metrics = ["total_usd", "savings_usd", "savings_fraction", "spill_share", "utilization", "batch_api_tokens", "batch_api_usd"];
        string[] stats = ["mean", "p5", "p50", "p95", "ci95_low", "ci95_high"];
        w.WriteLine("grid_index,grid,policy,runs," + string.Join(',', metrics.SelectMany(m => stats.Select(s => $"{m}_{s}"))) + InFlightColumns);
        foreach (SweepGroup g in groups)
        {
            var sb = new StringBuilder();
            sb.Append(Inv, $"{g.GridIndex},{Quote(g.Grid)},{Quote(g.Policy)},{g.Runs}");
            foreach ((MetricStats? m, Func<double, double> round) in new (MetricStats?, Func<double, double>)[]
                     {
                         (g.TotalUsd, Units.Rounding.Cents), (g.SavingsUsd, Units.Rounding.Cents), (g.SavingsFraction, Units.Rounding.Share),
                         (g.SpillShare, Units.Rounding.Share), (g.Utilization, Units.Rounding.Share),
                         (g.BatchApiTokens, Units.Rounding.Significant), (g.BatchApiUsd, Units.Rounding.Cents),
                     })
            {
                foreach (double? v in new[] { m?.Mean, m?.P5, m?.P50, m?.P95, m?.Ci95Low, m?.Ci95High })
                {
                    sb.Append(',').Append(v is { } x ? R(round(x)) : "");
                }
            }
            sb.Append(',').Append(I(g.MaxInFlight)).Append(',').Append(I(g.MaxInFlightConfigured));
            w.WriteLine(sb.ToString());
        }
    }

    /// <summary>A max in flight as runs.csv and summary.csv write it: the integer, or empty when unknown.</summary>
    private static string I(int? v) => v is { } n ? n.ToString(Inv) : "";

    /// <summary>A max in flight read back: empty is unknown; anything else must be a whole number of at least 1.</summary>
    private static int? InFlight(string s) =>
        s.Length == 0 ? null
        : int.TryParse(s, NumberStyles.None, Inv, out int n) && n >= 1 ? n
        : throw new FormatException($"'{s}' is not a max in flight (a whole number of at least 1)");

    private static string R(double v) => v.ToString("R", Inv);

    /// <summary>A finite number as FleetSim writes it; NaN, infinities and anything else are a malformed line.</summary>
    private static double D(string s) =>
        double.TryParse(s, NumberStyles.Float, Inv, out double v) && double.IsFinite(v) ? v
        : throw new FormatException($"'{s}' is not a finite number");

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return [.. fields];
    }
}
