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
    /// <param name="api">The API's limits and outages, which turn part of the spill away (dropped); null: none.</param>
    /// <param name="classes">
    /// The traffic's classes: interactive through the router, deferrable held for the spare capacity
    /// (<see cref="Deferral.ClassedMinutes"/>); null: all interactive, as without classes.
    /// </param>
    public static MinuteRun Run(DemandSeries demand, FleetShape fleet, RouterSpec router, RequestMix mix, ApiSpec? api = null, TrafficClasses? classes = null)
    {
        MinuteRouter kernel = MinuteRouter.For(router, fleet, mix);
        if (classes is not null)
        {
            var all = new double[demand.Minutes];
            var classed = Deferral.ClassedMinutes.Run(demand, fleet, kernel, classes, api, mix, all);
            double total = 0;
            foreach (double s in all)
            {
                total += s;
            }
            return new MinuteRun(demand, fleet, router.Mode, all, total) { DroppedTokens = classed.InteractiveDropped, Classes = classed };
        }
        var served = new double[demand.Minutes];
        double sum = ServeSpan(demand.Rate, kernel, served);
        double dropped = api is null ? 0 : MinuteApiGate.DroppedTokens(demand.Rate, served, api, mix);
        return new MinuteRun(demand, fleet, router.Mode, served, sum) { DroppedTokens = new Units.Tokens(dropped) };
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
