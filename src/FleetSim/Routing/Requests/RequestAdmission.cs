namespace FleetSim.Routing.Requests;

/// <summary>
/// A router's request-level rule for one run, made by <see cref="Router.Admission"/>. The engine
/// calls <see cref="Arrive"/> for each request in time order, and <see cref="Resume"/> for each
/// request the rule asked to come back to (<see cref="RequestFleet.Later"/>), also in time order.
/// </summary>
public abstract class RequestAdmission(RequestFleet fleet)
{
    protected RequestFleet Fleet { get; } = fleet;

    protected RequestLedger Ledger => Fleet.Ledger;

    /// <summary>A request of <paramref name="tokens"/> processed tokens arrives at <paramref name="now"/>.</summary>
    public abstract void Arrive(double now, double tokens);

    /// <summary>
    /// A request of traffic class <paramref name="trafficClass"/> (its index in <c>traffic.classes</c>) arrives. Rules
    /// that treat every class alike take it as <see cref="Arrive(double, double)"/>; <see cref="ClassAdmission"/> rules
    /// (priorities) override it.
    /// </summary>
    public virtual void Arrive(double now, double tokens, int trafficClass) => Arrive(now, tokens);

    /// <summary>A request the rule deferred is due.</summary>
    public virtual void Resume(in PendingRequest request) =>
        throw new InvalidOperationException($"{GetType().Name} defers no requests");

    /// <summary>
    /// The arrivals are over and every deferred request has been resumed: requests still in service
    /// finish now, into the ledger, before the engine reads it. Nothing to do for rules whose
    /// requests reach the ledger when they are admitted.
    /// </summary>
    public virtual void Finish()
    {
    }

    /// <summary>Serves the request on replica <paramref name="replica"/>'s slots, starting when its FIFO line lets it.</summary>
    /// <returns>False if it would still be waiting when the horizon ends (then it is left unfinished).</returns>
    protected bool ServeOn(int replica, double now, double tokens, double arrived)
    {
        ServerBank slots = Fleet.Slots[replica];
        double start = slots.StartOf(now);
        if (start >= Fleet.End && start > now)
        {
            Ledger.LeaveUnfinished(tokens);
            return false;
        }
        double service = Fleet.ServiceOf(tokens);
        int inFlight = slots.HoldCounting(now, start + service, start);
        Ledger.Served(tokens, arrived, start, service, Fleet.FirstTokenOf(tokens, inFlight));
        Held(replica, now, start + service);
        return true;
    }

    /// <summary>
    /// Starts the request on replica <paramref name="replica"/> at once (a router that starts a request now or not at
    /// all, with <paramref name="eligible"/> having picked a replica with a free slot): holds its slot, records it, and
    /// keeps <paramref name="eligible"/> up to date.
    /// </summary>
    /// <returns>When the request ends, seconds.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private protected double StartNow(EligibleReplicas<FreeSlots> eligible, int replica, double now, double tokens)
    {
        FleetSlots slots = Fleet.SlotTable;
        double service = Fleet.ServiceOf(tokens);
        double until = now + service;
        if (eligible.CountsHolds)
        {
            // least-busy counts each replica's requests in flight, which are its busy slots, and
            // asks nothing else of them: the slot table is not kept (at 10,000 replicas the
            // replica's row was seldom in the cache).
            Ledger.Served(tokens, now, now, service, Fleet.FirstTokenOf(tokens, eligible.Held(replica, now, until)));
            return until;
        }
        int inFlight = slots.HoldCounting(replica, now, until, now);
        Ledger.Served(tokens, now, now, service, Fleet.FirstTokenOf(tokens, inFlight));
        if (eligible.TracksLoad)
        {
            eligible.Held(replica, now, until);
        }
        else if (!eligible.Scans && !slots.HasFree(replica, now))
        {
            eligible.Refresh(replica, now);
            eligible.WakeAt(replica, slots.NextFree(replica));
        }
        return until;
    }

    /// <summary>
    /// <see cref="ServeOn"/> has just given replica <paramref name="replica"/> a request at
    /// <paramref name="now"/> that holds a slot until <paramref name="until"/>: a rule that keeps
    /// <see cref="EligibleReplicas{TState}"/> tells it here.
    /// </summary>
    protected virtual void Held(int replica, double now, double until)
    {
    }
}
