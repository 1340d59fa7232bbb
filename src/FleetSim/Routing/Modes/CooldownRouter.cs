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

    /// <remarks>
    /// A replica leaves the eligible set when it answers 429 (cooling, and tried by this request)
    /// and is woken when its cooldown ends; the request's tried replicas are asked again when it
    /// has gone. least-busy also wakes a replica at the end of every request it holds.
    /// </remarks>
    private sealed class Rule : RequestAdmission
    {
        private readonly RouterSpec _spec;
        private readonly double[] _coolUntil;
        private readonly long[] _triedBy;
        private readonly int[] _tried;
        private readonly EligibleReplicas<Untried> _eligible;
        private long _request;

        public Rule(RequestFleet fleet, RouterSpec spec)
            : base(fleet)
        {
            _spec = spec;
            _coolUntil = new double[fleet.Replicas];
            _triedBy = [.. Enumerable.Repeat(-1L, fleet.Replicas)];
            _tried = new int[spec.Retries + 1];
            _eligible = fleet.Eligible(new Untried(this));
        }

        public override void Arrive(double now, double tokens)
        {
            Ledger.Arrived(tokens);
            _request++;
            int tried = 0;
            bool served = false;
            for (int attempt = 0; attempt <= _spec.Retries; attempt++)
            {
                int r = _eligible.Pick(now);
                if (r < 0)
                {
                    break;
                }
                if (attempt > 0)
                {
                    Ledger.Retry();
                }
                if (Fleet.Slots[r].HasFree(now))
                {
                    ServeOn(r, now, tokens, now);
                    served = true;
                    break;
                }
                Ledger.Reject();
                _coolUntil[r] = now + _spec.CooldownSeconds;
                _triedBy[r] = _request;
                _tried[tried++] = r;
                _eligible.Refresh(r, now);
                _eligible.WakeAt(r, _coolUntil[r]);
            }
            if (!served)
            {
                Ledger.ToApi(now, tokens);
            }
            // The request has gone: the replicas it tried are untried for the next one.
            _request++;
            for (int i = 0; i < tried; i++)
            {
                _eligible.Refresh(_tried[i], now);
            }
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
        private readonly struct Untried(Rule rule) : IReplicaState
        {
            public bool Eligible(int replica, double now) => rule._coolUntil[replica] <= now && rule._triedBy[replica] != rule._request;

            public int Load(int replica, double now) => rule.Fleet.Slots[replica].Busy(now);
        }
    }
    /// <summary>
    /// The same rule on replicas that serve at their measured curve's pace: a replica with room takes
    /// the request and shares its pace with it (<see cref="SharedReplica"/>); a full one answers 429
    /// and cools down. A replica changes by itself at its next finish (its load falls) and at the end
    /// of its cooldown, whichever comes first, and is looked at again then.
    /// </summary>
    private sealed class SharedRule : RequestAdmission
    {
        private readonly RouterSpec _spec;
        private readonly SharedReplica[] _replicas;
        private readonly double[] _coolUntil;
        private readonly long[] _triedBy;
        private readonly int[] _tried;
        private readonly EligibleReplicas<UntriedShared> _eligible;
        private long _request;
        private double _now;

        public SharedRule(RequestFleet fleet, RouterSpec spec)
            : base(fleet)
        {
            _spec = spec;
            _replicas = fleet.Shared!;
            _coolUntil = new double[fleet.Replicas];
            _triedBy = [.. Enumerable.Repeat(-1L, fleet.Replicas)];
            _tried = new int[spec.Retries + 1];
            _eligible = fleet.Eligible(new UntriedShared(this));
        }

        public override void Arrive(double now, double tokens)
        {
            _now = now;
            Ledger.Arrived(tokens);
            _request++;
            int tried = 0;
            bool served = false;
            for (int attempt = 0; attempt <= _spec.Retries; attempt++)
            {
                int r = _eligible.Pick(now);
                if (r < 0)
                {
                    break;
                }
                if (attempt > 0)
                {
                    Ledger.Retry();
                }
                SharedReplica replica = _replicas[r];
                if (replica.HasRoom(now))
                {
                    // Prefill is shared by the requests in flight, itself included.
                    replica.Start(now, now, tokens, Fleet.FirstTokenOf(tokens, replica.InFlightAt(now) + 1));
                    _eligible.Touched(r, now);
                    served = true;
                    break;
                }
                Ledger.Reject();
                _coolUntil[r] = now + _spec.CooldownSeconds;
                _triedBy[r] = _request;
                _tried[tried++] = r;
                _eligible.Touched(r, now);
            }
            if (!served)
            {
                Ledger.ToApi(now, tokens);
            }
            // The request has gone: the replicas it tried are untried for the next one.
            _request++;
            for (int i = 0; i < tried; i++)
            {
                _eligible.Refresh(_tried[i], now);
            }
        }

        public override void Finish()
        {
            foreach (SharedReplica replica in _replicas)
            {
                replica.Advance(double.PositiveInfinity);
            }
        }

        /// <summary>Replicas neither cooling nor already tried by this request are eligible; the load is their requests in flight.</summary>
        private readonly struct UntriedShared(SharedRule rule) : IReplicaState
        {
            public static bool ChangesByItself => true;

            public bool Eligible(int replica, double now) => rule._coolUntil[replica] <= now && rule._triedBy[replica] != rule._request;

            public int Load(int replica, double now) => rule._replicas[replica].InFlightAt(now);

            public double NextChange(int replica)
            {
                double finish = rule._replicas[replica].NextFinish, cool = rule._coolUntil[replica];
                return cool > rule._now ? Math.Min(cool, finish) : finish;
            }
        }
    }
}
