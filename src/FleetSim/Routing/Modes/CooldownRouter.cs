using FleetSim.Fleet;
using FleetSim.Routing.Requests;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Routing.Modes;

/// <summary>
/// LiteLLM in front of replicas that answer 429 when full (a rejecting front end; vLLM itself
/// queues): the 429 cools the replica down for cooldown_seconds (a 429 in a group of two or more
/// deployments always does, <c>cooldown_handlers.py::_is_cooldown_required</c>), and the request
/// is retried at once on another healthy replica, up to num_retries times (default 2). When every
/// replica is cooling, or the retries run out, it goes to the API (the next order).
/// </summary>
internal sealed class CooldownRouter(RouterSpec spec) : Router(spec)
{
    public override string? WhyNoMinuteForm(ReplicaSpec replica, int? replicas, RequestMix mix) => Why;

    private const string Why =
        "router mode 'cooldown' has no minute-engine form: a cooled-down replica's free slots sit idle for " +
        "cooldown_seconds, which only a request-by-request run can see";

    public override double ServeSpan(ReadOnlySpan<double> demand, in MinuteRouter fleet, Span<double> served) =>
        throw new InvalidOperationException(Why);

    public override RequestAdmission Admission(RequestFleet fleet) => fleet.Shared is null ? new Rule(fleet, Spec) : new SharedRule(fleet, Spec);

    public override string Describe(FleetShape fleet) =>
        $"cooldown ({ChoiceName}): a full replica answers 429 and sits out {Spec.CooldownSeconds:0.#} s; {Spec.Retries} retries, then the API";

    public override IEnumerable<(string Key, object Value)> Settings() =>
        [("cooldown_seconds", Spec.CooldownSeconds), ("retries", Spec.Retries)];

    public override string CountsNote(long timedOut, long rejected, long retries) => $", {Quantity.Short(rejected, precise: true)} answered 429";

    /// <summary>
    /// The cooldown rule on either kind of replica: pick an eligible replica (not cooling, not tried by
    /// this request); a replica with room takes the request (<see cref="TryServe"/>), a full one answers
    /// 429 and cools (<see cref="Cooled"/>) and the request is retried, up to the retries; else the API.
    /// The tried replicas are untried again once the request has gone.
    /// </summary>
    /// <typeparam name="TState">What the rule's <see cref="EligibleReplicas{TState}"/> asks about a replica.</typeparam>
    private abstract class CoolingRule<TState> : RequestAdmission
        where TState : struct, IReplicaState
    {
        private readonly RouterSpec _spec;
        private readonly long[] _triedBy;
        private readonly int[] _tried;
        private long _request;

        protected CoolingRule(RequestFleet fleet, RouterSpec spec)
            : base(fleet)
        {
            _spec = spec;
            CoolUntil = new double[fleet.Replicas];
            _triedBy = [.. Enumerable.Repeat(-1L, fleet.Replicas)];
            _tried = new int[spec.Retries + 1];
        }

        /// <summary>When each replica's cooldown ends (seconds; in the past when it is not cooling).</summary>
        protected double[] CoolUntil { get; }

        /// <summary>The moment of the arrival being routed.</summary>
        protected double Now { get; private set; }

        /// <summary>The eligible replicas, made by the rule that knows its state.</summary>
        protected abstract EligibleReplicas<TState> Eligible { get; }

        /// <summary>Whether replica <paramref name="replica"/> is neither cooling at <paramref name="now"/> nor tried by the request being routed.</summary>
        protected bool IsUntried(int replica, double now) => CoolUntil[replica] <= now && _triedBy[replica] != _request;

        public override void Arrive(double now, double tokens)
        {
            Now = now;
            Ledger.Arrived(tokens);
            _request++;
            int tried = 0;
            bool served = false;
            for (int attempt = 0; attempt <= _spec.Retries; attempt++)
            {
                int r = Eligible.Pick(now);
                if (r < 0)
                {
                    break;
                }
                if (attempt > 0)
                {
                    Ledger.Retry();
                }
                if (TryServe(r, now, tokens))
                {
                    served = true;
                    break;
                }
                Ledger.Reject();
                CoolUntil[r] = now + _spec.CooldownSeconds;
                _triedBy[r] = _request;
                _tried[tried++] = r;
                Cooled(r, now);
            }
            if (!served)
            {
                Ledger.ToApi(now, tokens);
            }
            // The request has gone: the replicas it tried are untried for the next one.
            _request++;
            for (int i = 0; i < tried; i++)
            {
                Eligible.Refresh(_tried[i], now);
            }
        }

        /// <summary>Serves the request on replica <paramref name="replica"/> if it has room; false when it is full (a 429).</summary>
        protected abstract bool TryServe(int replica, double now, double tokens);

        /// <summary>Replica <paramref name="replica"/> answered 429 at <paramref name="now"/> and cools until <see cref="CoolUntil"/>.</summary>
        protected abstract void Cooled(int replica, double now);
    }

    /// <remarks>
    /// A replica leaves the eligible set when it answers 429 (cooling, and tried by this request)
    /// and is woken when its cooldown ends; the request's tried replicas are asked again when it
    /// has gone. least-busy also wakes a replica at the end of every request it holds.
    /// </remarks>
    private sealed class Rule : CoolingRule<Rule.Untried>
    {
        private readonly EligibleReplicas<Untried> _eligible;

        public Rule(RequestFleet fleet, RouterSpec spec)
            : base(fleet, spec) => _eligible = fleet.Eligible(new Untried(this));

        protected override EligibleReplicas<Untried> Eligible => _eligible;

        protected override bool TryServe(int replica, double now, double tokens)
        {
            if (!Fleet.Slots[replica].HasFree(now))
            {
                return false;
            }
            ServeOn(replica, now, tokens, now);
            return true;
        }

        protected override void Cooled(int replica, double now)
        {
            _eligible.Refresh(replica, now);
            _eligible.WakeAt(replica, CoolUntil[replica]);
        }

        protected override void Held(int replica, double now, double until)
        {
            if (_eligible.TracksLoad)
            {
                _eligible.Refresh(replica, now);
                _eligible.WakeAt(replica, until);
            }
        }

        /// <summary>Replicas neither cooling nor already tried by this request are eligible; the load is their slots in use.</summary>
        internal readonly struct Untried(Rule rule) : IReplicaState
        {
            public bool Eligible(int replica, double now) => rule.IsUntried(replica, now);

            public int Load(int replica, double now) => rule.Fleet.Slots[replica].Busy(now);
        }
    }

    /// <summary>
    /// The same rule on replicas that serve at their measured curve's pace: a replica with room takes
    /// the request and shares its pace with it (<see cref="SharedReplica"/>); a full one answers 429
    /// and cools down. A replica changes by itself at its next finish (its load falls) and at the end
    /// of its cooldown, whichever comes first, and is looked at again then.
    /// </summary>
    private sealed class SharedRule : CoolingRule<SharedRule.UntriedShared>
    {
        private readonly SharedReplica[] _replicas;
        private readonly EligibleReplicas<UntriedShared> _eligible;

        public SharedRule(RequestFleet fleet, RouterSpec spec)
            : base(fleet, spec)
        {
            _replicas = fleet.Shared!;
            _eligible = fleet.Eligible(new UntriedShared(this));
        }

        protected override EligibleReplicas<UntriedShared> Eligible => _eligible;

        protected override bool TryServe(int replica, double now, double tokens)
        {
            SharedReplica shared = _replicas[replica];
            if (!shared.HasRoom(now))
            {
                return false;
            }
            // Prefill is shared by the requests in flight, itself included.
            shared.Start(now, now, tokens, Fleet.FirstTokenOf(tokens, shared.InFlightAt(now) + 1));
            _eligible.Touched(replica, now);
            return true;
        }

        protected override void Cooled(int replica, double now) => _eligible.Touched(replica, now);

        public override void Finish() => Fleet.FinishShared();

        /// <summary>Replicas neither cooling nor already tried by this request are eligible; the load is their requests in flight.</summary>
        internal readonly struct UntriedShared(SharedRule rule) : IReplicaState
        {
            public static bool ChangesByItself => true;

            public bool Eligible(int replica, double now) => rule.IsUntried(replica, now);

            public int Load(int replica, double now) => rule._replicas[replica].InFlightAt(now);

            public double NextChange(int replica)
            {
                double finish = rule._replicas[replica].NextFinish, cool = rule.CoolUntil[replica];
                return cool > rule.Now ? Math.Min(cool, finish) : finish;
            }
        }
    }
}
