using System.Globalization;
using FleetSim.Runs;

namespace FleetSim.Reporting;

/// <summary>
/// The SLO in a table's words, the same in <c>run</c> and <c>compare</c>: a verdict, then each
/// objective's measured P95 or, without one, its worst case with every slot busy.
/// </summary>
public static class SloText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// "met: time to first token P95 0.42 s ≤ 2.00 s; …", "MISSED (1 of 3): …", or "met where
    /// checked (2 of 3): …" when an objective was neither measured nor guaranteed.
    /// </summary>
    /// <param name="results">The objectives, from <see cref="SloAttainment.Of"/>.</param>
    /// <param name="requestEngine">Whether the request engine ran (so an unmeasured path means no request took it).</param>
    public static string Line(IReadOnlyList<SloResult> results, bool requestEngine)
    {
        int missed = results.Count(r => r.Met == false), known = results.Count(r => r.Met is not null);
        int unsure = results.Count(r => r.Met is null && r.WorstCaseP95Seconds is not null); // worst case over the target
        string verdict = missed > 0 ? $"MISSED ({missed} of {results.Count})"
            : known == results.Count ? "met"
            : unsure > 0 ? $"not guaranteed ({unsure} of {results.Count}{(known > 0 ? $"; {known} met" : "")})"
            : known == 0 ? "not checked"
            : $"met where checked ({known} of {results.Count})";
        string each = string.Join("; ", results.Select(r => Objective(r, requestEngine)));
        bool waits = results.Any(r => r.Met is null && r.WorstCaseP95Seconds is null && r.WhyUnbounded?.Contains("request engine", StringComparison.Ordinal) == true);
        string measure = !requestEngine && (waits || unsure > 0) ? "; fleetsim run --engine request measures it" : "";
        return $"{verdict}: {each}{measure}";
    }

    private static string Objective(SloResult r, bool requestEngine)
    {
        // Tenths between 10 and 100 s, where a target and a bound a few per cent apart would print alike.
        string Format(double v) => r.Measure == "time per output token" ? Milliseconds(v)
            : v is >= 10 and < 100 ? v.ToString("0.0", Inv) + " s" : Seconds(v);
        return (r.P95Seconds, r.WorstCaseP95Seconds) switch
        {
            ({ } p95, _) => $"{r.Measure} P95 {Format(p95)} {(r.Met == true ? "≤" : ">")} {Format(r.TargetSeconds)}",
            (null, { } w) when w <= r.TargetSeconds => $"{r.Measure} P95 at most {Format(w)} of {Format(r.TargetSeconds)} {WorstCase(r)}",
            (null, { } w) => $"{r.Measure} P95 up to {Format(w)} {WorstCase(r)}, over {Format(r.TargetSeconds)}: not guaranteed",
            _ when requestEngine => $"{r.Measure} not measured (no request took that path)",
            _ => $"{r.Measure} not checked ({r.WhyUnbounded ?? "no form for it"})",
        };
    }

    private static string WorstCase(SloResult r) => r.Measure.EndsWith("API path", StringComparison.Ordinal) ? "(api.latency)" : "(every slot busy)";

    /// <summary>Seconds as a table writes them: "0 s", "4.2 ms", "1.23 s", "42 s", "1.5 h".</summary>
    public static string Seconds(double s) => s switch
    {
        0 => "0 s",
        < 0.00001 => (s * 1000).ToString("G3", Inv) + " ms",
        < 0.01 => (s * 1000).ToString("0.###", Inv) + " ms",
        < 10 => s.ToString("0.00", Inv) + " s",
        < 3600 => s.ToString("0", Inv) + " s",
        _ => (s / 3600).ToString("0.0", Inv) + " h",
    };

    /// <summary>Seconds below one as milliseconds ("25.4 ms"), else as <see cref="Seconds"/>.</summary>
    public static string Milliseconds(double s) => s < 1 ? (s * 1000).ToString(s < 0.0001 ? "G3" : "0.0", Inv) + " ms" : Seconds(s);
}
