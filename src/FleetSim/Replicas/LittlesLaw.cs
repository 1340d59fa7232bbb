using System.Globalization;

namespace FleetSim.Replicas;

/// <summary>
/// Requests in flight from a run that fixed a request rate rather than a concurrency: by Little's law,
/// L = λ·W, the mean number in flight is the completed requests per second times the mean seconds each
/// spent from sending to its last token, rounded to the nearest whole request.
/// </summary>
internal static class LittlesLaw
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The most requests in flight a point may have: the scenario's limit on max_in_flight, 10,000.</summary>
    public const int MostInFlight = 10_000;

    /// <summary>
    /// round(λ·W) and how it was found, from <paramref name="requestsPerSecond"/> λ (the field <paramref name="rateField"/>)
    /// and <paramref name="seconds"/> W (the field <paramref name="latencyField"/>).
    /// </summary>
    /// <exception cref="BenchmarkException">λ·W rounds to 0 (a load too light to say anything about the curve) or is above <see cref="MostInFlight"/>.</exception>
    public static (int InFlight, string From) InFlight(BenchmarkFields f, double requestsPerSecond, double seconds, string rateField, string latencyField)
    {
        double l = requestsPerSecond * seconds;
        double rounded = Math.Round(l, MidpointRounding.AwayFromZero);
        string figures = string.Create(Inv, $"{BenchmarkFigures.Figure(requestsPerSecond)} req/s × {BenchmarkFigures.Figure(seconds)} s = {l:0.##}");
        if (rounded < 1)
        {
            throw f.Error(latencyField,
                $"by Little's law ({rateField} × {latencyField}) {figures} requests were in flight on average, fewer than one: " +
                "so light a load says nothing about the curve; leave this run out");
        }
        if (rounded > MostInFlight)
        {
            throw f.Error(latencyField, $"by Little's law {figures} requests in flight, more than the {MostInFlight:N0} a replica may have");
        }
        return ((int)rounded, $"in flight by Little's law, {rateField} × {latencyField}: {figures}");
    }
}
