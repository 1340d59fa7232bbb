using FleetSim.Scenario;

namespace FleetSim.Routing.Requests;

/// <summary>
/// The paid API's door: per-clock-minute request and token limits, and outage windows. A request it
/// turns away is dropped (served by nobody) and counted.
/// </summary>
public sealed class ApiGate(ApiSpec api)
{
    private readonly bool _open = api.RequestsPerMinute is null && api.TokensPerMinute is null && api.Outages.Count == 0;
    private long _minute = -1;
    private double _requests;
    private double _tokens;

    /// <summary>Whether the API takes a request of <paramref name="tokens"/> at <paramref name="now"/>; counts it if so.</summary>
    public bool TryAccept(double now, double tokens)
    {
        if (_open)
        {
            return true; // no limit and no outage: nothing to count
        }
        foreach (Outage o in api.Outages)
        {
            if (o.Covers(now))
            {
                return false;
            }
        }
        long minute = (long)(now / 60.0);
        if (minute != _minute)
        {
            _minute = minute;
            _requests = 0;
            _tokens = 0;
        }
        if (_requests + 1 > api.RequestsPerMinute || _tokens + tokens > api.TokensPerMinute)
        {
            return false;
        }
        _requests++;
        _tokens += tokens;
        return true;
    }
}
