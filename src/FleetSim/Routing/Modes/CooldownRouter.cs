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

    public override RequestAdmission Admission(RequestFleet fleet) => new Rule(fleet, Spec);

    public override string Describe(FleetShape fleet) =>
        $"cooldown ({ChoiceName}): a full replica answers 429 and sits out {Spec.CooldownSeconds:0.#} s; {Spec.Retries} retries, then the API";

    public override IEnumerable<(string Key, object Value)> Settings() =>
        [("cooldown_seconds", Spec.CooldownSeconds), ("retries", Spec.Retries)];

    public override string CountsNote(long timedOut, long rejected, long retries) => $", {Quantity.Short(rejected, precise: true)} answered 429";

    private sealed class Rule(RequestFleet fleet, RouterSpec spec) : RequestAdmission(fleet)
    {
        private readonly double[] _coolUntil = new double[fleet.Replicas];
        private readonly long[] _triedBy = [.. Enumerable.Repeat(-1L, fleet.Replicas)];
        private long _request;

        public override void Arrive(double now, double tokens)
        {
            Ledger.Arrived(tokens);
            Now = now;
            _request++;
            for (int attempt = 0; attempt <= spec.Retries; attempt++)
            {
                int r = Fleet.Picker.Pick(new Untried(this));
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
                    return;
                }
                Ledger.Reject();
                _coolUntil[r] = now + spec.CooldownSeconds;
                _triedBy[r] = _request;
            }
            Ledger.ToApi(now, tokens);
        }

        private double Now { get; set; }

        /// <summary>Replicas neither cooling nor already tried by this request are eligible; the load is their slots in use.</summary>
        private readonly struct Untried(Rule rule) : IReplicaView
        {
            public bool Eligible(int replica) => rule._coolUntil[replica] <= rule.Now && rule._triedBy[replica] != rule._request;

            public int Load(int replica) => rule.Fleet.Slots[replica].Busy(rule.Now);
        }
    }
}
