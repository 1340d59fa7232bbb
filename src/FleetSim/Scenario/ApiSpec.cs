namespace FleetSim.Scenario;

/// <summary>The paid API that takes whatever the fleet does not serve.</summary>
/// <param name="Price">Its price sheet: blended, or by token type.</param>
public sealed record ApiSpec(ApiPriceSpec Price)
{
    /// <summary>Requests the API accepts per clock minute; beyond it requests are dropped and counted.</summary>
    public double? RequestsPerMinute { get; init; }

    /// <summary>Processed tokens the API accepts per clock minute; beyond it requests are dropped and counted.</summary>
    public double? TokensPerMinute { get; init; }

    /// <summary>Windows in which the API serves nothing: whatever would have gone to it is dropped.</summary>
    public IReadOnlyList<Outage> Outages { get; init; } = [];

    /// <summary>The API's end-to-end latency, or null when not given (fallen-back requests then have none).</summary>
    public ApiLatencySpec? Latency { get; init; }
}

/// <summary>An API outage from <paramref name="StartHour"/> for <paramref name="Hours"/> hours of the horizon.</summary>
public sealed record Outage(double StartHour, double Hours)
{
    public bool Covers(double seconds) => seconds >= StartHour * 3600 && seconds < (StartHour + Hours) * 3600;
}
