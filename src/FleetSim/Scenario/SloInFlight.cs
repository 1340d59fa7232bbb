using System.Globalization;

namespace FleetSim.Scenario;

/// <summary>
/// The most requests a replica may hold at once for every objective of an <see cref="SloSpec"/> to
/// hold in service with every slot busy (<see cref="WorstCaseLatency"/>): the SLO-aware max in flight
/// that floor, breakeven, schedule and every other policy then size with.
/// </summary>
/// <remarks>
/// Fewer in flight means each request runs faster on a measured curve (R(n)/n falls as n rises) and
/// prefills sooner, but a replica serves less (R(n) falls). The largest n whose worst case meets the
/// objectives is therefore the cheapest replica that is sure to meet them: each bound rises with n, so
/// every smaller n meets them too and a larger one does not. The guarantee covers time in service;
/// a router that queues or retries adds its wait on top (the request engine measures it).
/// </remarks>
/// <param name="Slo">The objectives the worst case bounds: all of them for a router that serves on arrival, time per output token alone for one that may make a request wait.</param>
/// <param name="Configured">The replica's max_in_flight as the scenario gives it.</param>
/// <param name="InFlight">The largest n ≤ <paramref name="Configured"/> whose worst case meets every objective; null when even one request alone does not.</param>
/// <param name="AtConfigured">The worst case at <paramref name="Configured"/>.</param>
/// <param name="Best">The worst case at <paramref name="InFlight"/>; when nothing meets the SLO, at one request alone (the best a replica can do).</param>
public sealed record SloInFlight(SloSpec Slo, int Configured, int? InFlight, WorstCaseLatency AtConfigured, WorstCaseLatency Best)
{
    /// <summary>Whether the SLO lowers the replica's max in flight.</summary>
    public bool Lowers => InFlight is { } n && n < Configured;

    /// <summary>
    /// Works out the SLO-aware max in flight of <paramref name="replica"/> serving <paramref name="mix"/>.
    /// With <paramref name="servesOnArrival"/> false (a router that queues, retries or cools down) a
    /// request may wait before it starts, which no max in flight bounds and a lower one only lengthens,
    /// so only time per output token sets it.
    /// </summary>
    public static SloInFlight Of(ReplicaSpec replica, RequestMix mix, SloSpec slo, bool servesOnArrival = true)
    {
        slo = servesOnArrival ? slo : slo with { TimeToFirstTokenP95Seconds = null, EndToEndP95Seconds = null };
        WorstCaseLatency? best = null;
        WorstCaseLatency? alone = null;
        foreach (WorstCaseLatency w in WorstCaseLatency.ForEachInFlight(replica, mix))
        {
            alone ??= w;
            if (!Meets(w, slo))
            {
                break; // every bound rises with n: no larger n meets the SLO either
            }
            best = w;
        }
        WorstCaseLatency configured = best is { } b && b.InFlight == replica.MaxInFlight ? b : WorstCaseLatency.Of(replica, mix, replica.MaxInFlight);
        return new SloInFlight(slo, replica.MaxInFlight, best?.InFlight, configured, best ?? alone!);
    }

    /// <summary>Whether every objective <paramref name="slo"/> names holds at the worst case <paramref name="w"/>.</summary>
    public static bool Meets(WorstCaseLatency w, SloSpec slo) =>
        (slo.TimeToFirstTokenP95Seconds is not { } ttft || w.TimeToFirstTokenSeconds <= ttft) &&
        (slo.TimePerOutputTokenP95Milliseconds is not { } tpot || w.TimePerOutputTokenSeconds is not { } t || t <= tpot / 1000) &&
        (slo.EndToEndP95Seconds is not { } e2e || w.EndToEndSeconds <= e2e);

    /// <summary>The objectives <paramref name="w"/> misses, in the scenario's words ("tpot_p95_ms 40: up to 52.1 ms"); empty when it meets them all.</summary>
    public static IEnumerable<string> Misses(WorstCaseLatency w, SloSpec slo)
    {
        if (slo.TimeToFirstTokenP95Seconds is { } ttft && w.TimeToFirstTokenSeconds > ttft)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"ttft_p95_seconds {ttft:G4}: up to {Duration(w.TimeToFirstTokenSeconds)}");
        }
        if (slo.TimePerOutputTokenP95Milliseconds is { } tpot && w.TimePerOutputTokenSeconds is { } t && t > tpot / 1000)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"tpot_p95_ms {tpot:G4}: up to {Duration(t)}");
        }
        if (slo.EndToEndP95Seconds is { } e2e && w.EndToEndSeconds > e2e)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"e2e_p95_seconds {e2e:G4}: up to {Duration(w.EndToEndSeconds)}");
        }
    }

    /// <summary>Seconds in the unit that reads best: "25.6 ms", "2.9 s", "71.1 s", "24.7 h", three significant figures.</summary>
    private static string Duration(double seconds) => seconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:G3} ms"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds:G3} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:G3} h"),
    };

    /// <summary>
    /// What the loader says about it: the max in flight lowered and why, or that no max in flight meets
    /// the SLO; null when the configured one already does.
    /// </summary>
    public string? Note(bool applied)
    {
        string misses = string.Join("; ", Misses(AtConfigured, Slo));
        if (InFlight is not { } n)
        {
            return $"slo: no max in flight meets it, not even one request at a time ({string.Join("; ", Misses(Best, Slo))}); " +
                   $"the replica runs {Configured} in flight and its self-hosted requests may miss the SLO";
        }
        if (n >= Configured)
        {
            return null;
        }
        return applied
            ? $"slo: replica.max_in_flight {Configured} → {n}, the most at which each objective's worst case (every slot busy) is within its target ({misses} at {Configured}); " +
              "set slo.cap_in_flight: false to keep it and only check"
            : $"slo: at max_in_flight {Configured} the SLO's worst case (every slot busy) is over its target ({misses}); at {n} in flight it would be within it (slo.cap_in_flight is false)";
    }
}
