using FleetSim.Scenario;

namespace FleetSim.Routing;

/// <summary>
/// The one formula that ties tokens to time, shared by every engine.
/// </summary>
/// <remarks>
/// A replica rated at R processed tok/s with c requests in flight gives each request R/c tok/s.
/// A request of P processed tokens is therefore in service for S = P·c/R seconds, so a replica kept
/// at full concurrency processes exactly its rated R tok/s. With demand D tok/s of requests of mean
/// size P̄, requests arrive at λ = D/P̄ per second and the offered load is A = λ·S̄ = D·c/R erlangs:
/// the request size cancels, so the minute engine needs only D.
/// </remarks>
public static class ServiceTime
{
    /// <summary>Seconds a request of <paramref name="processedTokens"/> tokens holds a slot.</summary>
    public static double Seconds(double processedTokens, ReplicaSpec replica) =>
        processedTokens * replica.MaxInFlight / replica.Throughput.Value;

    /// <summary>Erlangs offered per tok/s of demand: c/R.</summary>
    public static double ErlangsPerTokenPerSecond(ReplicaSpec replica) =>
        replica.MaxInFlight / replica.Throughput.Value;

    /// <summary>Requests per second that carry a demand of <paramref name="tokensPerSecond"/>.</summary>
    public static double ArrivalRate(double tokensPerSecond, RequestMix mix) => tokensPerSecond / mix.ProcessedTokens;
}
