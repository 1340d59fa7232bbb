using FleetSim.Fleet;
using FleetSim.Scenario;

namespace FleetSim.Routing.Requests;

/// <summary>
/// What a router's request-level rule acts on in one run: the replicas' slots, the routing
/// strategy and stream (for the rule's <see cref="EligibleReplicas{TState}"/>), the ledger, the clock's horizon and the queue of requests to come back to.
/// </summary>
public sealed class RequestFleet
{
    private readonly PriorityQueue<PendingRequest, double> _pending = new();

    /// <param name="fleet">The fixed fleet: replicas × max-in-flight slots.</param>
    /// <param name="router">The router's settings.</param>
    /// <param name="freshInputShare">Fresh (uncached) input tokens per processed token: what prefill must compute.</param>
    /// <param name="ledger">Where the outcomes go.</param>
    /// <param name="random">The routing stream (simple-shuffle draws).</param>
    public RequestFleet(FleetShape fleet, RouterSpec router, double freshInputShare, RequestLedger ledger, Random random)
    {
        Replicas = fleet.Replicas;
        SlotsPerReplica = fleet.Replica.MaxInFlight;
        SlotTable = new FleetSlots(Replicas, Math.Max(1, SlotsPerReplica));
        Slots = [.. Enumerable.Range(0, Replicas).Select(SlotTable.Pool)];
        Shared = fleet.Replica.SharesByLoad ? [.. Enumerable.Range(0, Replicas).Select(_ => new SharedReplica(fleet.Replica.Curve, ledger))] : null;
        SecondsPerToken = ServiceTime.Seconds(1, fleet.Replica);
        PrefillSecondsPerToken = 1 / fleet.Replica.Prefill.Value;
        FreshInputShare = freshInputShare;
        Ledger = ledger;
        Random = random;
        Choice = router.Choice;
        Weights = router.Weights;
    }

    public int Replicas { get; }

    public int SlotsPerReplica { get; }

    /// <summary>Each replica's slots (its max_in_flight), FIFO: views of <see cref="SlotTable"/>.</summary>
    public ServerBank[] Slots { get; }

    /// <summary>Every replica's slots in one table, by replica index: the same pools as <see cref="Slots"/>, without an object per replica to reach.</summary>
    public FleetSlots SlotTable { get; }

    /// <summary>
    /// Each replica serving its requests together at its measured curve's pace, or null when the
    /// replica has no curve or a straight one (then <see cref="Slots"/> serve, each request at R/c).
    /// </summary>
    public SharedReplica[]? Shared { get; }

    /// <summary>Seconds a slot is held per processed token (c/R, <see cref="ServiceTime"/>).</summary>
    public double SecondsPerToken { get; }

    /// <summary>Seconds to prefill one fresh input token with the replica to itself.</summary>
    public double PrefillSecondsPerToken { get; }

    public double FreshInputShare { get; }

    public RequestLedger Ledger { get; }

    public Random Random { get; }

    /// <summary>LiteLLM's routing_strategy among the eligible replicas.</summary>
    public ReplicaChoice Choice { get; }

    /// <summary>simple-shuffle's weight per replica, or null for all equal.</summary>
    public IReadOnlyList<double>? Weights { get; }

    /// <summary>
    /// The replicas eligible by <paramref name="state"/>, kept up to date, with this run's
    /// routing_strategy and routing stream; every replica is asked once at time 0.
    /// </summary>
    public EligibleReplicas<TState> Eligible<TState>(TState state)
        where TState : struct, IReplicaState =>
        new(state, Choice, Replicas, Weights, Random);

    /// <summary>The horizon's end (seconds): a request still waiting then is left unfinished.</summary>
    public double End => Ledger.End;

    /// <summary>Seconds a request of <paramref name="tokens"/> holds a slot.</summary>
    public double ServiceOf(double tokens) => tokens * SecondsPerToken;

    /// <summary>Seconds from taking a slot to the first token, with <paramref name="inFlight"/> requests (itself included) sharing the prefill.</summary>
    public double FirstTokenOf(double tokens, int inFlight) => tokens * FreshInputShare * PrefillSecondsPerToken * inFlight;

    /// <summary>
    /// Lets every request still in flight on a <see cref="Shared"/> replica finish (and those waiting
    /// in its line start and finish), into the ledger: a rule on shared replicas calls it from its
    /// <see cref="RequestAdmission.Finish"/>. Nothing to do for the slot model.
    /// </summary>
    public void FinishShared()
    {
        foreach (SharedReplica replica in Shared ?? [])
        {
            replica.Advance(double.PositiveInfinity);
        }
    }

    /// <summary>Asks to be given <paramref name="request"/> back at its time.</summary>
    public void Later(in PendingRequest request) => _pending.Enqueue(request, request.At);

    /// <summary>Whether any request waits to be given back (so a caller can skip asking for the next one due).</summary>
    public bool HasPending => _pending.Count > 0;

    /// <summary>The next request due at or before <paramref name="until"/>, if any, taken off the queue.</summary>
    public bool TryNextDue(double until, out PendingRequest request)
    {
        if (_pending.TryPeek(out request, out double at) && at <= until)
        {
            _pending.Dequeue();
            return true;
        }
        request = default;
        return false;
    }
}
