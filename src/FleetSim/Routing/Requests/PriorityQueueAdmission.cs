namespace FleetSim.Routing.Requests;

/// <summary>
/// The queue router with priorities: the picker sends a request to one replica, where it waits for a slot in a line
/// ordered by its class's priority (lower first), then by arrival; with a patience τ it falls back to the API after
/// waiting τ. LiteLLM's scheduler orders its wait the same way (litellm/scheduler.py: <c>Scheduler.add_request</c>
/// pushes <c>(priority, request_id)</c> on a min-heap and <c>Scheduler.poll</c> lets the top of the heap go first,
/// as <c>Router.schedule_acompletion</c> uses it for a request with a <c>priority</c>). With one priority for all,
/// this is the queue router's FIFO rule.
/// </summary>
/// <remarks>
/// A later, more important request overtakes the ones waiting, so a start is no longer known on arrival: each replica
/// with a line asks to be woken when its next slot comes free (<see cref="RequestFleet.Later"/>), and then starts the
/// head of its line. A request still waiting when the horizon ends is left unfinished, as under the FIFO rule.
/// </remarks>
public sealed class PriorityQueueAdmission : ClassAdmission
{
    private const int WakeStep = 0;
    private const int GiveUpStep = 1;

    private readonly int[] _priority;
    private readonly double? _patience;
    private readonly EligibleReplicas<AnyReplica> _eligible;
    private readonly PriorityQueue<Waiting, (int Priority, double Arrived, long Order)>[] _lines;
    private readonly bool[] _woken;
    private readonly Dictionary<int, Waiting> _waiting = [];
    private long _order;

    /// <param name="fleet">The run's fleet of slot replicas.</param>
    /// <param name="priority">Each class's priority (0–255, lower first), in the scenario's order.</param>
    /// <param name="patience">Seconds a request waits before it falls back to the API; null waits as long as it takes.</param>
    public PriorityQueueAdmission(RequestFleet fleet, int[] priority, double? patience)
        : base(fleet, priority.Length)
    {
        if (fleet.Shared is not null)
        {
            throw new ArgumentException("the priority queue is modelled on slot replicas, not on a shared measured curve", nameof(fleet));
        }
        _priority = priority;
        _patience = patience;
        _eligible = fleet.Eligible(new AnyReplica(fleet.Slots));
        _lines = [.. Enumerable.Range(0, fleet.Replicas).Select(_ => new PriorityQueue<Waiting, (int, double, long)>())];
        _woken = new bool[fleet.Replicas];
    }

    /// <summary>Requests that started on a replica, in the order they started (for tests that follow a small trace by hand); null unless asked for.</summary>
    public List<(double Start, int Class, double Arrived)>? Starts { get; init; }

    /// <inheritdoc/>
    protected override void Admit(double now, double tokens, int trafficClass)
    {
        int r = _eligible.Pick(now);
        if (r < 0)
        {
            Ledger.ToApi(now, tokens);
            return;
        }
        if (_lines[r].Count == 0 && Fleet.Slots[r].HasFree(now))
        {
            Start(r, now, tokens, now, trafficClass);
            return;
        }
        long order = _order++;
        var waiting = new Waiting(tokens, now, trafficClass, (int)(order & int.MaxValue));
        _lines[r].Enqueue(waiting, (_priority[trafficClass], now, order));
        _waiting[waiting.Id] = waiting;
        if (_patience is { } tau)
        {
            Fleet.Later(new PendingRequest(now + tau, tokens, now, waiting.Id, GiveUpStep));
        }
        AskToWake(r, now);
    }

    /// <inheritdoc/>
    public override void Resume(in PendingRequest request)
    {
        if (request.Step == GiveUpStep)
        {
            if (_waiting.Remove(request.Attempt, out Waiting? waiting))
            {
                waiting.Gone = true;
                if (request.At < Fleet.End)
                {
                    Ledger.TimeOut();
                    Ledger.ToApi(request.At, waiting.Tokens, waiting.Arrived);
                }
                else
                {
                    Ledger.LeaveUnfinished(waiting.Tokens);
                }
            }
            return;
        }
        int r = request.Attempt;
        double now = request.At;
        _woken[r] = false;
        PriorityQueue<Waiting, (int, double, long)> line = _lines[r];
        while (line.TryPeek(out Waiting? head, out _))
        {
            if (!head.Gone && now < Fleet.End && !Fleet.Slots[r].HasFree(now))
            {
                break;
            }
            line.Dequeue();
            if (head.Gone)
            {
                continue;
            }
            _waiting.Remove(head.Id);
            head.Gone = true;
            if (now >= Fleet.End)
            {
                Ledger.LeaveUnfinished(head.Tokens); // it would start after the horizon
                continue;
            }
            Start(r, now, head.Tokens, head.Arrived, head.Class);
        }
        AskToWake(r, now);
    }

    /// <inheritdoc/>
    public override void Finish()
    {
        foreach (Waiting w in _waiting.Values)
        {
            Ledger.LeaveUnfinished(w.Tokens);
        }
        _waiting.Clear();
    }

    private void Start(int replica, double now, double tokens, double arrived, int trafficClass)
    {
        ServerBank slots = Fleet.Slots[replica];
        double service = Fleet.ServiceOf(tokens);
        int inFlight = slots.HoldCounting(now, now + service, now);
        Ledger.Served(tokens, arrived, now, service, Fleet.FirstTokenOf(tokens, inFlight));
        SelfHostedTokens[trafficClass] += tokens;
        Starts?.Add((now, trafficClass, arrived));
        if (_eligible.TracksLoad)
        {
            _eligible.Refresh(replica, now);
            _eligible.WakeAt(replica, now + service);
        }
    }

    /// <summary>Asks to come back to replica <paramref name="replica"/> when its next slot comes free, if anyone waits there and no call is asked yet.</summary>
    private void AskToWake(int replica, double now)
    {
        if (_woken[replica] || _lines[replica].Count == 0)
        {
            return;
        }
        _woken[replica] = true;
        Fleet.Later(new PendingRequest(Math.Max(now, Fleet.Slots[replica].NextFree), 0, 0, replica, WakeStep));
    }

    /// <summary>A request in a replica's line; <see cref="Gone"/> once it started or gave up (it is then skipped).</summary>
    private sealed class Waiting(double tokens, double arrived, int trafficClass, int id)
    {
        public double Tokens { get; } = tokens;

        public double Arrived { get; } = arrived;

        public int Class { get; } = trafficClass;

        public int Id { get; } = id;

        public bool Gone { get; set; }
    }

    /// <summary>Every replica is eligible (a request waits wherever it is sent); its load is its slots in use, as under the FIFO queue.</summary>
    private readonly struct AnyReplica(ServerBank[] slots) : IReplicaState
    {
        public bool Eligible(int replica, double now) => true;

        public int Load(int replica, double now) => slots[replica].Busy(now);
    }
}
