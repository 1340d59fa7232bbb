using FleetSim.Scenario;

namespace FleetSim.Routing;

/// <summary>
/// The paid API's door on the minute engine: of what each minute spills, the share its per-minute
/// request and token limits take (<see cref="ApiRateCap"/>), and nothing while an outage covers the
/// minute. What the door turns away is dropped: served by nobody, priced at the API in the bill.
/// </summary>
public static class MinuteApiGate
{
    /// <summary>Whether <paramref name="api"/> turns anything away at all (a limit or an outage).</summary>
    public static bool Limits(ApiSpec api) => api.RequestsPerMinute is not null || api.TokensPerMinute is not null || api.Outages.Count > 0;

    /// <summary>Processed tokens the API turns away over the horizon.</summary>
    /// <param name="demand">Offered tok/s in each minute.</param>
    /// <param name="served">tok/s the fleet served in each minute; the rest is spilled to the API.</param>
    /// <param name="api">The API's limits and outages.</param>
    /// <param name="mix">Request sizes: spilled requests a minute = spilled tokens / mean processed tokens, Poisson.</param>
    public static double DroppedTokens(ReadOnlySpan<double> demand, ReadOnlySpan<double> served, ApiSpec api, RequestMix mix)
    {
        if (!Limits(api))
        {
            return 0;
        }
        double cv = mix.Sizes == SizeDistribution.Exponential ? 1 : mix.SizeCv;
        double dropped = 0;
        for (int m = 0; m < demand.Length; m++)
        {
            double spilled = Math.Max(0, demand[m] - served[m]) * 60;
            if (spilled <= 0)
            {
                continue;
            }
            double open = OpenShare(api.Outages, m);
            double accepted = open <= 0 ? 0
                : ApiRateCap.AcceptedTokens(spilled * open / mix.ProcessedTokens, mix.ProcessedTokens, cv, api.RequestsPerMinute, api.TokensPerMinute);
            dropped += Math.Max(0, spilled - accepted);
        }
        return dropped;
    }

    /// <summary>The share of minute <paramref name="minute"/> no outage covers.</summary>
    private static double OpenShare(IReadOnlyList<Outage> outages, int minute)
    {
        double from = minute * 60.0, to = from + 60;
        double closed = 0;
        foreach (Outage o in outages)
        {
            double start = o.StartHour * 3600, end = (o.StartHour + o.Hours) * 3600;
            closed += Math.Max(0, Math.Min(to, end) - Math.Max(from, start));
        }
        return Math.Max(0, 1 - closed / 60);
    }
}
