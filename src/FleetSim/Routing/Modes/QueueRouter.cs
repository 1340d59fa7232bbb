using System.Buffers;
using FleetSim.Fleet;
using FleetSim.Kernels;
using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Routing.Modes;

/// <summary>
/// An idealised gateway queue: the picker sends a request to one replica, where it waits FIFO for
/// one of that replica's slots, never re-routed because the replica is busy; with a patience τ it
/// gives up after waiting τ seconds and goes to the API. (This is not LiteLLM's timeout, which
/// bounds the call, not the wait: see <see cref="LiteLlmRouter"/>.)
/// </summary>
/// <remarks>
/// Minute form: simple-shuffle splits Poisson arrivals into independent Poisson streams, λᵢ = λ·wᵢ/Σw,
/// so each replica is its own M/M/c+D queue (<see cref="TimeoutQueue"/>, c = the replica's slots),
/// exact for exponential sizes; lognormal sizes run it at the calibrated effective patience of
/// <see cref="ReplicaQueues.EffectivePatience"/> (docs/router-minute-forms.md). Least-busy couples
/// the replicas: it has a form only with one replica or no patience (<see cref="LeastBusyQueue"/>).
/// </remarks>
internal sealed class QueueRouter(RouterSpec spec) : Router(spec)
{
    public override string? WhyNoMinuteForm(ReplicaSpec replica, int? replicas, RequestMix mix)
    {
        if (replica.SharesByLoad)
        {
            return "router mode 'queue' with a measured throughput curve has no minute-engine form (a queue in front of processor-sharing " +
                   "replicas whose pace depends on the load); the request engine follows each request";
        }
        if (Spec.PatienceSeconds is not { } patience)
        {
            return "router mode 'queue' without patience_seconds has no minute-engine form: requests never leave the queue, " +
                   "so whenever demand exceeds capacity the backlog (and the wait) grows without bound";
        }
        double service = ServiceTime.Seconds(mix.ProcessedTokens, replica);
        string? why = Spec.Choice == ReplicaChoice.LeastBusy
            // A policy's fleet size changes, so judge it as a fleet of several replicas.
            ? LeastBusyQueue.WhyNoMinuteForm(replicas ?? 2, replica.MaxInFlight, service, patience, mix.Sizes, mix.SizeCv)
            : ReplicaQueues.WhyNoMinuteForm(replica.MaxInFlight, patience, mix.Sizes, mix.SizeCv);
        return why is null ? null : $"router mode 'queue': {why}";
    }

    public override double ServeSpan(ReadOnlySpan<double> demand, in MinuteRouter fleet, Span<double> served)
    {
        double patience = ReplicaQueues.EffectivePatience(fleet.SlotsPerReplica, fleet.ServiceSeconds, Spec.PatienceSeconds ?? 0, fleet.Sizes, fleet.SizeCv);
        if (Spec.Choice == ReplicaChoice.LeastBusy)
        {
            // Only where it has a form: one replica (its own M/M/c+D queue, below) or no patience,
            // where least-busy fills any free slot and the fleet is one Erlang loss system.
            if (fleet.Replicas > 1)
            {
                return MinuteKernels.Spill(demand, fleet.Slots, fleet.ErlangsPerTokenPerSecond, served);
            }
        }
        if (Spec.Weights is not { } weights || weights.All(w => w == weights[0]))
        {
            // Every replica takes 1/n of the arrivals and loses the same share of them.
            return MinuteKernels.QueueWithTimeout(demand, fleet.SlotsPerReplica, fleet.ArrivalsPerTokenPerSecond / fleet.Replicas,
                                                  fleet.ServiceSeconds, patience, served);
        }
        double total = weights.Sum();
        double[] part = ArrayPool<double>.Shared.Rent(demand.Length);
        try
        {
            served.Clear();
            double sum = 0;
            foreach (double w in weights)
            {
                // Replica i's own stream, λ·wᵢ/Σw, of which it serves the share (1 − fall-back); counted in tok/s of the whole demand.
                MinuteKernels.QueueWithTimeout(demand, fleet.SlotsPerReplica, fleet.ArrivalsPerTokenPerSecond * w / total,
                                               fleet.ServiceSeconds, patience, part.AsSpan(0, demand.Length));
                for (int m = 0; m < demand.Length; m++)
                {
                    double share = part[m] * w / total;
                    served[m] += share;
                    sum += share;
                }
            }
            return sum;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(part);
        }
    }

    public override RequestAdmission Admission(RequestFleet fleet) =>
        fleet.Shared is null ? new Rule(fleet, Spec.PatienceSeconds) : new SharedRule(fleet, Spec.PatienceSeconds);

    public override string Describe(FleetShape fleet) => Spec.PatienceSeconds is { } t
        ? $"queue ({ChoiceName}): a request waits FIFO for a slot on its replica; after {t:0.#} s it falls back to the API"
        : $"queue ({ChoiceName}): a request waits FIFO for a slot on its replica, as long as it takes";

    public override IEnumerable<(string Key, object Value)> Settings() =>
        [("patience_seconds", Spec.PatienceSeconds is { } t ? t : "none (waits as long as it takes)")];

    public override string CountsNote(long timedOut, long rejected, long retries) => $", {Units.Quantity.Short(timedOut, precise: true)} timed out in the queue";

    /// <summary>
    /// With a patience τ, a request that would start more than τ after <paramref name="now"/> gives up
    /// waiting: it goes to the API τ from now (the API's per-minute limits count it when it gets there),
    /// or is left unfinished when that is past the horizon. True when it gave up.
    /// </summary>
    private static bool GivesUp(RequestFleet fleet, double? patience, double now, double start, double tokens)
    {
        if (patience is not { } tau || start - now <= tau)
        {
            return false;
        }
        if (now + tau < fleet.End)
        {
            fleet.Ledger.TimeOut();
            fleet.Later(new PendingRequest(now + tau, tokens, now, 1, 0));
        }
        else
        {
            fleet.Ledger.LeaveUnfinished(tokens);
        }
        return true;
    }

    /// <summary>Every replica is eligible (a request queues wherever it is sent); the load is its slots in use.</summary>
    private readonly struct AnyReplica(ServerBank[] slots) : IReplicaState
    {
        public bool Eligible(int replica, double now) => true;

        public int Load(int replica, double now) => slots[replica].Busy(now);
    }

    /// <summary>
    /// Every replica sharing its pace among its requests in flight is eligible; its load is its requests
    /// in flight (those waiting in its line are invisible, as slots reserved ahead are in <see cref="AnyReplica"/>),
    /// which changes by itself at its next finish.
    /// </summary>
    private readonly struct AnyShared(SharedReplica[] replicas) : IReplicaState
    {
        public static bool ChangesByItself => true;

        public bool Eligible(int replica, double now) => true;

        public int Load(int replica, double now) => replicas[replica].InFlightAt(now);

        public double NextChange(int replica) => replicas[replica].NextFinish;
    }

    /// <summary>
    /// The same rule on replicas that serve at their measured curve's pace: the request joins its
    /// replica's FIFO line (<see cref="SharedReplica.Wait"/>), whose start is known on arrival because
    /// the replica stays full while anyone waits; with a patience τ a request that would wait longer
    /// goes to the API after τ.
    /// </summary>
    private sealed class SharedRule : RequestAdmission
    {
        private readonly EligibleReplicas<AnyShared> _eligible;
        private readonly SharedReplica[] _replicas;
        private readonly double? _patience;

        public SharedRule(RequestFleet fleet, double? patience)
            : base(fleet)
        {
            _replicas = fleet.Shared!;
            _eligible = fleet.Eligible(new AnyShared(_replicas));
            _patience = patience;
        }

        public override void Arrive(double now, double tokens)
        {
            Ledger.Arrived(tokens);
            int r = _eligible.Pick(now);
            if (r < 0)
            {
                Ledger.ToApi(now, tokens);
                return;
            }
            SharedReplica replica = _replicas[r];
            double start = replica.StartOf(now);
            if (GivesUp(Fleet, _patience, now, start, tokens))
            {
                return;
            }
            if (start >= Fleet.End && start > now)
            {
                Ledger.LeaveUnfinished(tokens);
                return;
            }
            replica.Wait(now, tokens, Fleet.FirstTokenOf(tokens, 1));
            _eligible.Touched(r, now);
        }

        public override void Resume(in PendingRequest request) => Ledger.ToApi(request.At, request.Tokens, request.Arrived);

        public override void Finish() => Fleet.FinishShared();
    }

    /// <remarks>
    /// Every replica stays eligible; least-busy wakes a replica at the end of every request it
    /// holds, when its slots in use may drop.
    /// </remarks>
    private sealed class Rule : RequestAdmission
    {
        private readonly EligibleReplicas<AnyReplica> _eligible;
        private readonly double? _patience;

        public Rule(RequestFleet fleet, double? patience)
            : base(fleet)
        {
            _eligible = fleet.Eligible(new AnyReplica(fleet.Slots));
            _patience = patience;
        }

        public override void Arrive(double now, double tokens)
        {
            Ledger.Arrived(tokens);
            int r = _eligible.Pick(now);
            if (r < 0)
            {
                Ledger.ToApi(now, tokens);
                return;
            }
            double start = Fleet.Slots[r].StartOf(now);
            if (GivesUp(Fleet, _patience, now, start, tokens))
            {
                return;
            }
            ServeOn(r, now, tokens, now);
        }

        public override void Resume(in PendingRequest request) => Ledger.ToApi(request.At, request.Tokens, request.Arrived);

        protected override void Held(int replica, double now, double until)
        {
            if (_eligible.TracksLoad)
            {
                _eligible.Refresh(replica, now);
                _eligible.WakeAt(replica, until);
            }
        }
    }
}
