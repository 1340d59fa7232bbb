using FleetSim.Fleet;
using FleetSim.Kernels;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Engine;

/// <summary>
/// The minute plane for a fixed fleet: the whole horizon is one span, one kernel call.
/// </summary>
public static class MinuteEngine
{
    public static MinuteRun Run(DemandSeries demand, FleetShape fleet, RouterMode router)
    {
        var served = new double[demand.Minutes];
        double sum = ServeSpan(demand.Rate, fleet, router, served);
        return new MinuteRun(demand, fleet, router, served, sum);
    }

    /// <summary>Serves one span of minutes into a caller's buffer; allocation-free.</summary>
    /// <returns>The sum of served tok/s over the span's minutes.</returns>
    public static double ServeSpan(ReadOnlySpan<double> demand, FleetShape fleet, RouterMode router, Span<double> served) =>
        router switch
        {
            RouterMode.Fluid => MinuteKernels.Fluid(demand, fleet.Capacity.Value, served),
            RouterMode.Spill => MinuteKernels.Spill(demand, fleet.Slots, ServiceTime.ErlangsPerTokenPerSecond(fleet.Replica), served),
            _ => throw new NotSupportedException($"router mode {router} has no minute-engine form"),
        };
}
