using System.Runtime.CompilerServices;
namespace FleetSim.Routing.Requests;

/// <summary>
/// Where each request of one request-level run went, and how long it took: tokens and counts by
/// destination, latencies on the self-hosted path, slot-time by minute. A router's admission rule
/// writes it; the engine reads it when the run ends.
/// </summary>
/// <param name="minutes">Minutes of the horizon (for the slot-time record).</param>
/// <param name="end">The horizon's end, seconds: work after it is counted apart.</param>
/// <param name="api">The API's door (rate limits, outages).</param>
public sealed class RequestLedger(int minutes, double end, ApiGate api)
{
    /// <summary>The horizon's end, seconds.</summary>
    public double End { get; } = end;

    /// <summary>Processed tokens of every request that arrived.</summary>
    public double DemandTokens { get; private set; }

    /// <summary>Processed tokens of requests a replica finished.</summary>
    public double SelfHostedTokens { get; private set; }

    /// <summary>Processed tokens of requests the API served.</summary>
    public double SpilledTokens { get; private set; }

    /// <summary>Processed tokens of requests served by nobody.</summary>
    public double DroppedTokens { get; private set; }

    /// <summary>The part of <see cref="SelfHostedTokens"/> processed after <see cref="End"/>.</summary>
    public double TokensAfterHorizon { get; private set; }

    public long Requests { get; private set; }

    public long SelfHostedRequests { get; private set; }

    public long SpilledRequests { get; private set; }

    public long DroppedRequests { get; private set; }

    /// <summary>Attempts that ran out of time: a queue's patience, or LiteLLM's call timeout.</summary>
    public long TimedOut { get; private set; }

    /// <summary>429 answers from full replicas (a request can collect several).</summary>
    public long Rejected { get; private set; }

    /// <summary>Requests still waiting for a slot when the horizon ended (dropped).</summary>
    public long Unfinished { get; private set; }

    /// <summary>Attempts after the first (LiteLLM's num_retries at work).</summary>
    public long Retries { get; private set; }

    /// <summary>Slot-seconds spent on attempts that were aborted (timed out) and so served nobody.</summary>
    public double WastedSlotSeconds { get; private set; }

    public LatencyHistogram Wait { get; } = new();

    public LatencyHistogram TimeToFirstToken { get; } = new();

    public LatencyHistogram EndToEnd { get; } = new();

    /// <summary>Seconds per output token after the first, (time in service − time to first token) ÷ (output tokens − 1), for requests of two or more output tokens.</summary>
    public LatencyHistogram TimePerOutputToken { get; } = new();

    /// <summary>Output tokens per processed token (the request mix's share): a request's output tokens, for its time per output token.</summary>
    public double OutputShare { get; init; }

    /// <summary>
    /// End to end for requests the API served: the time before the hand-off (a queue's patience,
    /// LiteLLM's timed-out calls and retries) plus the API's own latency. Empty when the API's latency
    /// is not given.
    /// </summary>
    public LatencyHistogram ApiEndToEnd { get; } = new();

    /// <summary>The API's latency and the stream its draws come from, or null when not given.</summary>
    public (Scenario.ApiLatencySpec Latency, Random Random)? ApiLatency { get; init; }

    public InFlightRecorder InFlight { get; } = new(minutes);

    /// <summary>
    /// Told of every slot interval recorded here (<see cref="Served"/>, <see cref="ServedShared"/>, <see cref="Wasted"/>),
    /// or null (the default, and every run without deferrable traffic classes).
    /// </summary>
    public ISlotWatcher? SlotWatcher { get; set; }

    /// <summary>A request of <paramref name="tokens"/> processed tokens arrives.</summary>
    public void Arrived(double tokens)
    {
        Requests++;
        DemandTokens += tokens;
    }

    /// <summary>
    /// A replica serves the request: it arrived at <paramref name="arrived"/>, took its slot at
    /// <paramref name="start"/> and holds it for <paramref name="service"/> seconds; its first token
    /// comes <paramref name="firstToken"/> seconds after <paramref name="start"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Served(double tokens, double arrived, double start, double service, double firstToken) =>
        Record(tokens, arrived, start, service, firstToken, 1);

    /// <summary>
    /// <see cref="Served"/> for a request that shared its replica (<see cref="SharedReplica"/>),
    /// recorded when it finished: it ran from <paramref name="start"/> for <paramref name="service"/>
    /// seconds at a pace that varied with the load, and counts <paramref name="slotSeconds"/> of
    /// slot-time (its tokens at the full batch's pace), spread evenly over its time in service;
    /// <paramref name="afterHorizon"/> of its tokens were processed after the horizon ended.
    /// </summary>
    public void ServedShared(double tokens, double arrived, double start, double service, double firstToken, double slotSeconds, double afterHorizon) =>
        Record(tokens, arrived, start, service, Math.Min(firstToken, service), service > 0 ? slotSeconds / service : 0, afterHorizon);

    /// <param name="afterHorizon">Tokens processed after the horizon ended; NaN: its share of the service time past the end, exact at a steady pace (the slot model).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Record(double tokens, double arrived, double start, double service, double firstToken, double slots, double afterHorizon = double.NaN)
    {
        SelfHostedRequests++;
        SelfHostedTokens += tokens;
        double end = start + service;
        if (!double.IsNaN(afterHorizon))
        {
            TokensAfterHorizon += afterHorizon;
        }
        else if (end > End)
        {
            TokensAfterHorizon += tokens * Math.Min(1, (end - End) / service);
        }
        InFlight.Hold(start, end, slots);
        if (SlotWatcher is { } watcher && end > start)
        {
            watcher.Held(start, end);
        }
        double wait = start - arrived;
        Wait.Add(wait);
        TimeToFirstToken.Add(wait + firstToken);
        EndToEnd.Add(wait + service);
        double output = tokens * OutputShare;
        if (output >= 2)
        {
            TimePerOutputToken.Add(Math.Max(0, service - firstToken) / (output - 1));
        }
    }

    /// <summary>An attempt held a slot from <paramref name="start"/> to <paramref name="end"/> and was aborted.</summary>
    public void Wasted(double start, double end)
    {
        if (end > start)
        {
            WastedSlotSeconds += end - start;
            InFlight.Hold(start, end);
            SlotWatcher?.Held(start, end);
        }
    }

    /// <summary>
    /// <see cref="Wasted"/> for an attempt that shared its replica (<see cref="SharedReplica.Abort"/>): it was
    /// in service from <paramref name="start"/> to <paramref name="end"/> and spent <paramref name="slotSeconds"/>
    /// of slot-time (the tokens it was processed at the full batch's pace), spread evenly over that time.
    /// With a straight curve the slot-time is end − start, and this is <see cref="Wasted"/>.
    /// </summary>
    public void WastedShared(double start, double end, double slotSeconds)
    {
        if (end > start)
        {
            WastedSlotSeconds += slotSeconds;
            InFlight.Hold(start, end, slotSeconds / (end - start));
            SlotWatcher?.Held(start, end);
        }
    }

    /// <summary>An attempt ran out of time.</summary>
    public void TimeOut() => TimedOut++;

    /// <summary>A full replica answered 429.</summary>
    public void Reject() => Rejected++;

    /// <summary>A request is tried again.</summary>
    public void Retry() => Retries++;

    /// <summary>
    /// Hands the request to the API at <paramref name="now"/>: served there, or dropped if its door is
    /// shut. <paramref name="arrived"/> is when it first arrived (NaN: now), for its end-to-end latency.
    /// </summary>
    /// <returns>Whether the API took it.</returns>
    public bool ToApi(double now, double tokens, double arrived = double.NaN)
    {
        if (api.TryAccept(now, tokens))
        {
            SpilledTokens += tokens;
            SpilledRequests++;
            if (ApiLatency is var (latency, random))
            {
                // A standard normal by Box–Muller from two uniforms in (0, 1].
                double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                ApiEndToEnd.Add((double.IsNaN(arrived) ? 0 : now - arrived) + latency.Sample(z));
            }
            return true;
        }
        Drop(tokens);
        return false;
    }

    /// <summary>Nobody serves the request (every route failed).</summary>
    public void Drop(double tokens)
    {
        DroppedTokens += tokens;
        DroppedRequests++;
    }

    /// <summary>The request was still waiting for a slot when the horizon ended: dropped, counted apart.</summary>
    public void LeaveUnfinished(double tokens)
    {
        Unfinished++;
        Drop(tokens);
    }
}
