using FleetSim.Engine.Kernel;
using FleetSim.Fleet;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Engine.Requests;

/// <summary>
/// One request-by-request run on the event kernel: Poisson arrivals at the demand's rate, lognormal
/// (or exponential) sizes, replicas with max-in-flight slots, and the router's admission rule.
/// </summary>
/// <remarks>
/// A request of P processed tokens holds a slot for <see cref="ServiceTime.Seconds"/> = P·c/R, the
/// formula the minute engine uses. Its time to first token is its queue wait plus its fresh input
/// tokens prefilled at the replica's prefill rate shared by the requests in flight there (itself
/// included); its end-to-end latency is the wait plus its time in service. Arrivals stop at the end
/// of the horizon; requests already admitted or queued then are run to completion.
/// </remarks>
internal sealed class RequestSimulation
{
    private readonly Simulation _sim = new();
    private readonly RouterSpec _router;
    private readonly ReplicaSpec _replica;
    private readonly int _slots;
    private readonly int[] _inFlight;
    private readonly double[] _coolUntil;
    private readonly long[] _triedBy;
    private readonly Resource[] _queues;
    private readonly Action[] _departs;
    private readonly ArrivalClock _arrivals;
    private readonly TraceReplay? _replay;
    private readonly RequestSizes _sizes;
    private readonly ReplicaPicker _picker;
    private readonly ApiGate _api;
    private readonly InFlightRecorder _inFlightRecorder;
    private readonly LatencyHistogram _wait = new(), _ttft = new(), _e2e = new();
    private readonly HashSet<Waiter> _waiting = [];
    private double _demand, _selfHosted, _spilled, _dropped, _afterHorizon;
    private long _requests, _selfHostedRequests, _spilledRequests, _droppedRequests, _timedOut, _rejected, _unfinished;

    /// <summary>A request waiting in a replica's queue, so the end of the horizon can find it.</summary>
    private sealed class Waiter(double tokens)
    {
        public double Tokens { get; } = tokens;
        public Process? Process { get; set; }
    }

    public RequestSimulation(ScenarioSpec scenario, DemandSeries demand, FleetShape fleet, int seed)
    {
        _router = scenario.Router;
        _replica = fleet.Replica;
        _slots = fleet.Replica.MaxInFlight;
        int replicas = fleet.Replicas;
        _inFlight = new int[replicas];
        _coolUntil = new double[replicas];
        _triedBy = new long[replicas];
        Array.Fill(_triedBy, -1);
        _queues = _router.Mode == RouterMode.Queue
            ? [.. Enumerable.Range(0, replicas).Select(_ => new Resource(_sim, Math.Max(1, _slots)))]
            : [];
        _departs = [.. Enumerable.Range(0, replicas).Select(r => (Action)(() => EndService(r)))];
        var streams = new SeedStreams(seed);
        _arrivals = new ArrivalClock(demand, scenario.Traffic.RequestMix.ProcessedTokens, streams.Next());
        _replay = scenario.Traffic.DailyShape is TraceShape trace
            ? new TraceReplay(trace.Profile, _arrivals.End, demand.Total.Value, streams.Next())
            : null;
        _sizes = new RequestSizes(scenario.Traffic.RequestMix, streams.Next());
        _picker = new ReplicaPicker(_router.Choice, replicas, _router.Weights, streams.Next());
        _api = new ApiGate(scenario.Api);
        _inFlightRecorder = new InFlightRecorder(demand.Minutes);
        Demand = demand;
        Fleet = fleet;
        Seed = seed;
    }

    private DemandSeries Demand { get; }
    private FleetShape Fleet { get; }
    private int Seed { get; }

    public RequestRun Run()
    {
        if (_router.Mode == RouterMode.Queue)
        {
            _sim.Schedule(_arrivals.End, EndHorizon);
        }
        // Arrivals are the one stream known in time order ahead of time, so they are merged with
        // the kernel's timeline here instead of each being queued as an event of its own.
        if (_replay is not null)
        {
            double last = 0;
            foreach (var (at, tokens) in _replay)
            {
                last = Math.Max(last, at); // a trace's rows may be slightly out of order
                _sim.Run(last);
                Arrive(tokens);
            }
        }
        else
        {
            for (double next = _arrivals.Next(); next < _arrivals.End; next = _arrivals.Next())
            {
                _sim.Run(next);
                Arrive(_sizes.NextProcessed());
            }
        }
        _sim.Run();
        return new RequestRun(
            Demand, Fleet, _router, Seed,
            new Tokens(_demand), new Tokens(_selfHosted), new Tokens(_spilled), new Tokens(_dropped),
            new RequestCounts(_requests, _selfHostedRequests, _spilledRequests, _droppedRequests, _timedOut, _rejected, _unfinished),
            _wait.Summary(), _ttft.Summary(), _e2e.Summary(),
            _inFlightRecorder.MeanPerMinute(_arrivals.End),
            _sim.EventsProcessed + _requests)
        { TokensAfterHorizon = new Tokens(_afterHorizon) };
    }

    private void Arrive(double tokens)
    {
        _requests++;
        _demand += tokens;
        switch (_router.Mode)
        {
            case RouterMode.Queue:
                Enqueue(tokens);
                break;
            case RouterMode.Cooldown:
                TryWithCooldown(tokens);
                break;
            default:
                SpillIfFull(tokens);
                break;
        }
    }

    /// <summary>spill: any replica with a free slot, else the API at once.</summary>
    private void SpillIfFull(double tokens)
    {
        int r = _picker.Pick(this, static (s, i) => s._inFlight[i] < s._slots, static (s, i) => s._inFlight[i]);
        if (r < 0)
        {
            ToApi(tokens);
            return;
        }
        StartService(r, tokens, wait: 0);
    }

    /// <summary>cooldown: a full replica answers 429 and sits out cooldown_seconds; retries go to other replicas.</summary>
    private void TryWithCooldown(double tokens)
    {
        double now = _sim.Now;
        for (int attempt = 0; attempt <= _router.Retries; attempt++)
        {
            int r = _picker.Pick(this,
                static (s, i) => s._coolUntil[i] <= s._sim.Now && s._triedBy[i] != s._requests,
                static (s, i) => s._inFlight[i]);
            if (r < 0)
            {
                break;
            }
            if (_inFlight[r] < _slots)
            {
                StartService(r, tokens, wait: 0);
                return;
            }
            _rejected++;
            _coolUntil[r] = now + _router.CooldownSeconds;
            _triedBy[r] = _requests;
        }
        ToApi(tokens);
    }

    /// <summary>queue: the chosen replica's FIFO queue, never re-routed; with a timeout, the API after waiting that long.</summary>
    private void Enqueue(double tokens)
    {
        int r = _picker.Pick(this, static (_, _) => true, static (s, i) => s._queues[i].InUse + s._queues[i].QueueLength);
        if (r < 0)
        {
            ToApi(tokens);
            return;
        }
        var waiter = new Waiter(tokens);
        _waiting.Add(waiter);
        waiter.Process = _sim.Start(Queued(r, waiter, _sim.Now));
    }

    /// <summary>
    /// At the horizon's end, requests still waiting for a slot are given up: they count as dropped
    /// (unfinished), not as served, so a fleet that cannot keep up is not billed as if it had.
    /// </summary>
    private void EndHorizon()
    {
        foreach (Waiter w in _waiting)
        {
            w.Process?.Cancel();
            _unfinished++;
            _droppedRequests++;
            _dropped += w.Tokens;
        }
        _waiting.Clear();
    }

    private IEnumerable<Wait> Queued(int r, Waiter waiter, double arrived)
    {
        double tokens = waiter.Tokens;
        Resource queue = _queues[r];
        Request slot = _router.TimeoutSeconds is { } patience ? queue.Request(patience) : queue.Request();
        yield return slot;
        _waiting.Remove(waiter);
        if (!slot.IsGranted)
        {
            _timedOut++;
            ToApi(tokens);
            yield break;
        }
        double service = StartService(r, tokens, _sim.Now - arrived, scheduleEnd: false);
        yield return _sim.Timeout(service);
        EndService(r);
        queue.Release(slot);
    }

    private double StartService(int r, double tokens, double wait, bool scheduleEnd = true)
    {
        _inFlight[r]++;
        _inFlightRecorder.Change(_sim.Now, +1);
        _selfHostedRequests++;
        double service = ServiceTime.Seconds(tokens, _replica);
        _selfHosted += tokens;
        // A request runs at a steady R/c tok/s, so the part of it processed after the horizon ends is
        // its share of the service time past the end.
        _afterHorizon += service > 0 ? tokens * Math.Clamp((_sim.Now + service - _arrivals.End) / service, 0, 1) : 0;
        double prefill = _sizes.FreshInputOf(tokens) * _inFlight[r] / _replica.Prefill.Value;
        _wait.Add(wait);
        _ttft.Add(wait + prefill);
        _e2e.Add(wait + service);
        if (scheduleEnd)
        {
            _sim.Schedule(service, _departs[r]);
        }
        return service;
    }

    private void EndService(int r)
    {
        _inFlight[r]--;
        _inFlightRecorder.Change(_sim.Now, -1);
    }

    private void ToApi(double tokens)
    {
        if (_api.TryAccept(_sim.Now, tokens))
        {
            _spilled += tokens;
            _spilledRequests++;
        }
        else
        {
            _dropped += tokens;
            _droppedRequests++;
        }
    }
}
