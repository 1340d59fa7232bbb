using FleetSim.Units;
using FleetSim.Fleet;
using FleetSim.Kernels;
using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Routing.Modes;

/// <summary>
/// An idealised overflow router: a request takes a free slot on any replica, else goes to the API
/// at once. The fleet is then one Erlang loss system of all its slots (M/G/N/N), whose blocking is
/// Erlang B whatever the size distribution (insensitivity), so the minute form is exact.
/// </summary>
internal sealed class SpillRouter(RouterSpec spec) : Router(spec)
{
    public override double ServeSpan(ReadOnlySpan<double> demand, in MinuteRouter fleet, Span<double> served) =>
        MinuteKernels.Spill(demand, fleet.Slots, fleet.ErlangsPerTokenPerSecond, served);

    public override RequestAdmission Admission(RequestFleet fleet) => new Rule(fleet);

    public override string Describe(FleetShape fleet) =>
        fleet.Slots == 0
            ? "spill: with no self-hosted slot, every request goes to the API"
            : fleet.Slots == 1
                ? "spill: a request that finds the one slot busy goes to the API at once"
                : $"spill: a request that finds all {Quantity.Count(fleet.Slots, "slot")} busy goes to the API at once";

    /// <summary>
    /// Replicas with a free slot are eligible; their load is their slots in use, which are the
    /// requests held on them (each starts at once) and not yet ended.
    /// </summary>
    private readonly struct FreeSlots(ServerBank[] slots) : IReplicaState
    {
        public static bool LoadCountsHolds => true;

        public bool Eligible(int replica, double now) => slots[replica].HasFree(now);

        public int Load(int replica, double now) => slots[replica].Busy(now);

        // Asked when a request is held, with the replica's slots just touched; not on a request's end.
        public bool EligibleAtLoad(int replica, int load) => load < slots[replica].Servers;
    }

    /// <remarks>
    /// A replica leaves the eligible set when a request takes its last free slot, and comes back
    /// when its first slot comes free (the earliest end among its requests), which is when it is
    /// woken; least-busy counts each replica's load itself, one up for each request held and one
    /// down at its end.
    /// </remarks>
    private sealed class Rule : RequestAdmission
    {
        private readonly EligibleReplicas<FreeSlots> _eligible;

        public Rule(RequestFleet fleet)
            : base(fleet) => _eligible = fleet.Eligible(new FreeSlots(fleet.Slots));

        public override void Arrive(double now, double tokens)
        {
            Ledger.Arrived(tokens);
            int r = _eligible.Pick(now);
            if (r < 0)
            {
                Ledger.ToApi(now, tokens);
                return;
            }
            // A replica with a free slot starts the request at once: ServeOn without the wait.
            ServerBank slots = Fleet.Slots[r];
            double service = Fleet.ServiceOf(tokens);
            double until = now + service;
            int inFlight = slots.HoldCounting(now, until, now);
            Ledger.Served(tokens, now, now, service, Fleet.FirstTokenOf(tokens, inFlight));
            if (_eligible.TracksLoad)
            {
                _eligible.Held(r, now, until);
            }
            else if (!_eligible.Scans && !slots.HasFree(now))
            {
                _eligible.Refresh(r, now);
                _eligible.WakeAt(r, slots.NextFree);
            }
        }
    }
}
