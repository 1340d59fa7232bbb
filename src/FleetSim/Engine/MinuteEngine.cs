using FleetSim.Fleet;
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

    /// <summary>Serves one span of minutes into a caller's buffer; allocation-free. A fleet of no replicas serves nothing.</summary>
    /// <returns>The sum of served tok/s over the span's minutes.</returns>
    public static double ServeSpan(ReadOnlySpan<double> demand, in MinuteRouter router, Span<double> served)
    {
        if (router.Replicas == 0)
        {
            served[..demand.Length].Clear();
            return 0;
        }
        return router.Rule.ServeSpan(demand, router, served);
    }
}
