using FleetSim.Fleet;
using FleetSim.Kernels;
using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Routing.Modes;

/// <summary>The seed's spreadsheet arithmetic: served = min(demand, capacity) each minute. No request has a place in it.</summary>
internal sealed class FluidRouter(RouterSpec spec) : Router(spec)
{
    public override string? WhyNoRequestForm =>
        "router mode 'fluid' is the minute engine's arithmetic and has no request-level form";

    public override double ServeSpan(ReadOnlySpan<double> demand, in MinuteRouter fleet, Span<double> served) =>
        MinuteKernels.Fluid(demand, fleet.Capacity, served);

    public override RequestAdmission Admission(RequestFleet fleet) => throw new InvalidOperationException(WhyNoRequestForm);

    public override string Describe(FleetShape fleet) => "fluid: served = min(demand, capacity), the seed's arithmetic";
}
