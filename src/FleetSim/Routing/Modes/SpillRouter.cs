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

    /// <summary>Replicas with a free slot are eligible; their load is their slots in use.</summary>
    private readonly struct FreeSlots(ServerBank[] slots, double now) : IReplicaView
    {
        public bool Eligible(int replica) => slots[replica].HasFree(now);

        public int Load(int replica) => slots[replica].Busy(now);
    }

    private sealed class Rule(RequestFleet fleet) : RequestAdmission(fleet)
    {
        public override void Arrive(double now, double tokens)
        {
            Ledger.Arrived(tokens);
            int r = Fleet.Picker.Pick(new FreeSlots(Fleet.Slots, now));
            if (r < 0)
            {
                Ledger.ToApi(now, tokens);
                return;
            }
            ServeOn(r, now, tokens, now);
        }
    }
}
