using System.Globalization;
using System.Text;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Units;

namespace FleetSim.Reporting;

/// <summary>
/// A sweep's summary as a terminal table: per grid point and policy, savings with its spread and confidence; with
/// traffic classes (any month sent tokens to the batch tier) a last column holds the batch tier's mean bill. When the
/// replicas' max in flight is not the same everywhere, or an slo lowered it anywhere, an "in flight" column gives each grid
/// point's ("5 (slo; 8)": lowered from max_in_flight 8 so the worst case meets the slo).
/// </summary>
public static class SweepTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(string scenario, SweepManifest manifest, IReadOnlyList<SweepGroup> groups)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"FleetSim sweep · {scenario} · {manifest.Runs:N0} runs per grid point and policy · seed {manifest.Seed} · {groups.Select(g => g.GridIndex).Distinct().Count()} grid point(s)");
        sb.AppendLine();
        bool batch = groups.Any(g => g.BatchApiUsd.Mean > 0);
        bool inFlight = groups.Any(g => g.SloLowered) || groups.Select(g => g.MaxInFlight).Distinct().Count() > 1;
        sb.AppendLine(Inv, $"  {"grid",-34}{"policy",-16}{"savings mean [95 % CI]",26}{"P5",9}{"P50",9}{"P95",9}{"total mean",13}{"spill",8}{"util",8}" +
                           $"{(inFlight ? $"{"in flight",14}" : "")}{(batch ? $"{"batch API",12}" : "")}");
        foreach (SweepGroup g in groups)
        {
            MetricStats? share = g.SavingsFraction;
            string ci = share is null ? "n/a (no demand)" : $"{Pct(share.Mean)} [{Pct(share.Ci95Low)}, {Pct(share.Ci95High)}]";
            sb.Append(Inv, $"  {Trim(g.Grid, 33),-34}{Trim(Engine.OracleBound.Label(g.Policy), 15),-16}{ci,26}{Percent.Savings(share?.P5),9}{Percent.Savings(share?.P50),9}" +
                               $"{Percent.Savings(share?.P95),9}{new Usd(g.TotalUsd.Mean).ToShortString(),13}{Pct(g.SpillShare.Mean),8}{Pct(g.Utilization.Mean),8}");
            if (inFlight)
            {
                sb.Append(InFlight(g).PadLeft(14));
            }
            sb.AppendLine(batch ? new Usd(g.BatchApiUsd.Mean).ToShortString().PadLeft(12) : "");
        }
        return sb.ToString();
    }

    /// <summary>A grid point's max in flight: "8", "5 (slo; 8)" where the slo lowered it from 8, "?" from a runs.csv without the column.</summary>
    private static string InFlight(SweepGroup g) => g.MaxInFlight is not { } runs ? "?"
        : g.SloLowered ? string.Create(Inv, $"{runs} (slo; {g.MaxInFlightConfigured})")
        : runs.ToString(Inv);

    private static string Pct(double v) => Percent.Format(v);

    private static string Trim(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";
}
