using System.Globalization;
using System.Text;

namespace FleetSim.Replicas;

/// <summary>
/// The <c>replica:</c> section of a scenario fitted from benchmark points, as <c>fleetsim replica fit</c>
/// prints it: <c>max_in_flight</c> at the last point and the <c>throughput_curve</c>, each point commented
/// with the file it came from and the measured figures behind it.
/// </summary>
public static class ReplicaSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The YAML text (ends with a newline).</summary>
    /// <param name="curve">The fitted curve.</param>
    /// <param name="gpus">The GPUs the benchmarked replica ran on (--gpus), or null to leave <c>gpus</c> to the scenario.</param>
    /// <param name="provenance">How it was made, as comment lines heading the section (<see cref="Reporting.FileProvenance.YamlComment"/>), or null for none.</param>
    public static string Yaml(MeasuredCurve curve, int? gpus, Reporting.FileProvenance? provenance = null)
    {
        var formats = curve.Points.Select(p => BenchmarkFormats.Name(p.Format)).Distinct();
        int files = curve.Points.Concat(curve.PastPeak).Select(p => p.File).Distinct().Count();
        var sb = new StringBuilder(provenance?.YamlComment());
        sb.AppendLine(Inv, $"# fitted by fleetsim replica fit from {files} result file{(files == 1 ? "" : "s")} ({string.Join(", ", formats)}):");
        sb.AppendLine("# processed tok/s (input + output tokens per second) of the whole replica by requests in flight");
        if (Speedup(curve) is { } speedup)
        {
            sb.AppendLine(speedup);
        }
        sb.AppendLine("replica:");
        var lines = new List<(string Text, string? Comment)>
        {
            gpus is { } g
                ? (string.Create(Inv, $"  gpus: {g}"), "the benchmarked replica's GPUs (--gpus)")
                : ("  # gpus: not in a benchmark result; keep your scenario's, or give --gpus N", null),
            (string.Create(Inv, $"  max_in_flight: {curve.Curve.MaxInFlight}"), "the last point; a lower value uses the curve up to it"),
            ("  throughput_curve:", "[in_flight, processed_tokens_per_second]"),
        };
        lines.AddRange(curve.Points.Select(p => (string.Create(Inv, $"    - [{p.InFlight}, {Rate(p.TokensPerSecond)}]"),
                                                 (string?)$"{p.Source}: {p.InFlightFrom}; {p.ThroughputFrom}")));
        // Prefill from the fewest in flight that saved a TTFT: there the share of the prefill it waits on is smallest.
        if (curve.Points.Where(p => p.Prefill is not null).MinBy(p => p.InFlight) is { Prefill: { } prefill } from)
        {
            lines.Insert(2, (string.Create(Inv, $"  prefill_tokens_per_second: {Rate(prefill.TokensPerSecond)}"),
                             $"{from.Source}: {prefill.From} (all input taken as fresh; the fewest in flight with a TTFT)"));
        }
        int column = lines.Where(l => l.Comment is not null).Max(l => l.Text.Length) + 3;
        foreach (var (text, comment) in lines)
        {
            sb.AppendLine(comment is null ? text : $"{text.PadRight(column)}# {OneLine(comment)}");
        }
        foreach (BenchmarkPoint p in curve.PastPeak)
        {
            sb.AppendLine(OneLine(string.Create(Inv, $"    # left out past the peak (--to-peak): [{p.InFlight}, {Rate(p.TokensPerSecond)}] from {p.Source}")));
        }
        sb.AppendLine("  # usd_per_gpu_hour and gpus_per_node are not in a benchmark result: keep your scenario's");
        return sb.ToString();
    }

    /// <summary>A comment kept on one line whatever a file name holds.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>Processed tok/s as the curve gives it: whole tok/s from 100 up, six significant figures below.</summary>
    public static string Rate(double tokensPerSecond) =>
        tokensPerSecond >= 100 ? Math.Round(tokensPerSecond, MidpointRounding.AwayFromZero).ToString("0", Inv) : tokensPerSecond.ToString("G6", Inv);

    /// <summary>"# a lone request runs at R(1), k× its R(c)/c in a full batch of c", when the curve starts at 1 and ends past it.</summary>
    private static string? Speedup(MeasuredCurve curve)
    {
        if (curve.Points[0].InFlight != 1 || curve.Curve.MaxInFlight < 2)
        {
            return null;
        }
        double alone = curve.Curve.At(1);
        int c = curve.Curve.MaxInFlight;
        double share = curve.Curve.At(c) / c;
        return string.Create(Inv,
            $"# a lone request runs at {alone:N0} tok/s, {alone / share:0.##}× its {share:N0} tok/s share of a full batch of {c}");
    }
}
