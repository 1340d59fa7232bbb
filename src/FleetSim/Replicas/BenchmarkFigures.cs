using System.Globalization;

namespace FleetSim.Replicas;

/// <summary>The measured figures as the fitted section's comments show them, in invariant culture.</summary>
internal static class BenchmarkFigures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A token count with thousands separators: "821,420".</summary>
    public static string Tokens(double tokens) => tokens.ToString(tokens == Math.Floor(tokens) ? "N0" : "N1", Inv);

    /// <summary>Whole from 1,000 up ("84,000"), else four significant figures ("100", "30.92", "0.0413").</summary>
    public static string Figure(double value) => Math.Abs(value) >= 1000 ? value.ToString("N0", Inv) : value.ToString("G4", Inv);

    /// <summary>(input + output tokens) / seconds: how a point's processed tok/s was found from totals.</summary>
    public static string TotalsOverDuration(double input, double output, double seconds) =>
        $"({Tokens(input)} + {Tokens(output)} tokens) / {Figure(seconds)} s";
}
