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
    public static MinuteRun Run(DemandSeries demand, FleetShape fleet, RouterSpec router, RequestMix mix)
    {
        MinuteRouter kernel = MinuteRouter.For(router, fleet, mix);
        var served = new double[demand.Minutes];
        double sum = ServeSpan(demand.Rate, kernel, served);
        return new MinuteRun(demand, fleet, router.Mode, served, sum);
    }

    /// <summary>Serves one span of minutes into a caller's buffer; allocation-free.</summary>
    /// <returns>The sum of served tok/s over the span's minutes.</returns>
    public static double ServeSpan(ReadOnlySpan<double> demand, in MinuteRouter router, Span<double> served) =>
        router.Mode switch
        {
            RouterMode.Fluid => MinuteKernels.Fluid(demand, router.Capacity, served),
            RouterMode.Spill => MinuteKernels.Spill(demand, router.Slots, router.ErlangsPerTokenPerSecond, served),
            RouterMode.Queue => MinuteKernels.QueueWithTimeout(demand, router.Slots, router.ArrivalsPerTokenPerSecond,
                                                               router.ServiceSeconds, router.TimeoutSeconds, served),
            _ => throw new NoMinuteFormException($"router mode {router.Mode} has no minute-engine form"),
        };
}
