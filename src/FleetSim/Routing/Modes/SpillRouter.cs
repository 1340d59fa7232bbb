using FleetSim.Units;
using FleetSim.Fleet;
using FleetSim.Kernels;
using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Routing.Modes;

/// <summary>
/// An idealised overflow router: a request takes a free slot on any replica, else goes to the API
/// at once. The fleet is then one Erlang loss system of all its slots (M/G/N/N), whose blocking is
/// Erlang B whatever the size distribution (insensitivity), so the minute form is exact. Replicas
/// with a measured throughput curve share their pace among the requests in flight; the minute form
/// is then the birth-death chain of <see cref="SharedLoss"/>.
/// </summary>
internal sealed class SpillRouter(RouterSpec spec) : Router(spec)
{
    public override double ServeSpan(ReadOnlySpan<double> demand, in MinuteRouter fleet, Span<double> served) =>
        fleet.SharedCurve is { } curve
            ? SharedLoss.Serve(demand, SharedFleetRates.For(curve, fleet.Replicas, Spec.Choice), served)
            : MinuteKernels.Spill(demand, fleet.Slots, fleet.ErlangsPerTokenPerSecond, served);

    public override string? WhyNoMinuteForm(ReplicaSpec replica, int? replicas, RequestMix mix) =>
        replica.SharesByLoad && Spec.Weights is not null
            ? "weighted simple-shuffle over replicas with a measured throughput curve has no minute form (the weights skew how requests share the replicas)"
            : null;

    public override RequestAdmission Admission(RequestFleet fleet) => fleet.Shared is null ? new Rule(fleet) : new SharedRule(fleet);

    public override LoadedLatency? MinuteLatency(ReadOnlySpan<double> demand, int replicas, ReplicaSpec replica, RequestMix mix) =>
        SpillLatency.Of(demand, replicas, replica, Spec, mix);

    public override string Describe(FleetShape fleet) =>
        fleet.Slots == 0
            ? "spill: with no self-hosted slot, every request goes to the API"
            : fleet.Slots == 1
                ? "spill: a request that finds the one slot busy goes to the API at once"
                : $"spill: a request that finds all {Quantity.Count(fleet.Slots, "slot")} busy goes to the API at once";

    /// <summary>
    /// Replicas with room are eligible; their load is their requests in flight, finishes replayed up to
    /// the look. A replica changes by itself at its next finish, which moves as requests join, so each
    /// look asks to be repeated then.
    /// </summary>
    private readonly struct RoomOnShared(SharedReplica[] replicas) : IReplicaState
    {
        public bool Eligible(int replica, double now) => replicas[replica].HasRoom(now);

        public int Load(int replica, double now) => replicas[replica].InFlightAt(now);

        public static bool ChangesByItself => true;

        public double NextChange(int replica) => replicas[replica].NextFinish;
    }

    /// <summary>
    /// The same rule on replicas that serve at their measured curve's pace: a request takes room on
    /// an eligible replica and shares it until it finishes (<see cref="SharedReplica"/>), else goes
    /// to the API at once. The fleet is then a loss network of processor-sharing replicas.
    /// </summary>
    private sealed class SharedRule : RequestAdmission
    {
        private readonly EligibleReplicas<RoomOnShared> _eligible;
        private readonly SharedReplica[] _replicas;

        public SharedRule(RequestFleet fleet)
            : base(fleet)
        {
            _replicas = fleet.Shared!;
            _eligible = fleet.Eligible(new RoomOnShared(_replicas));
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
            // Prefill is shared by the requests in flight, itself included: one more than before it.
            int inFlight = replica.InFlightAt(now) + 1;
            replica.Start(now, now, tokens, Fleet.FirstTokenOf(tokens, inFlight));
            _eligible.Touched(r, now);
        }

        public override void Finish() => Fleet.FinishShared();
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
            : base(fleet) => _eligible = fleet.Eligible(new FreeSlots(fleet.SlotTable));

        public override void Arrive(double now, double tokens)
        {
            Ledger.Arrived(tokens);
            int r = _eligible.Pick(now);
            if (r < 0)
            {
                Ledger.ToApi(now, tokens);
                return;
            }
            StartNow(_eligible, r, now, tokens);
        }
    }
}
