using FleetSim.Engine;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Engine;

/// <summary>
/// The oracle's minute-by-minute walk (used once more than 64 node counts could pay) against every
/// count tried in every minute, here.
/// </summary>
public class OracleSearchTests
{
    [Test]
    public void EachMinuteGetsTheCountSteppingFinds([Values("spill", "fluid")] string router)
    {
        // The seed's day, ×40: the peak minute's all-API bill is some 300 nodes' rent, past the 64 stepped through.
        const double factor = 40;
        ScenarioSpec scenario = Scenarios.Seed(
            "horizon_hours=24",
            $"router.mode={router}",
            $"traffic.monthly_processed_tokens={583e9 * factor:R}",
            $"traffic.daily_shape.hourly_percentiles={{trough: {110e3 * factor:R}, p50: {222e3 * factor:R}, p90: {290e3 * factor:R}, p99: {327e3 * factor:R}}}",
            "traffic.noise={minute_cv: 0.1, minute_correlation: 0.9}");
        var economics = new FleetEconomics(scenario);
        DemandSeries expected = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        DemandSeries actual = DemandBuilder.Realize(expected, scenario.Traffic.Noise, scenario.Seed);
        PolicyRun run = OracleBound.Run(actual, economics, maxNodes: null);

        double price = economics.CheapestNodeUsdPerMinute;
        int perNode = economics.ReplicasPerNode;
        var one = new double[1];
        var served = new double[1];
        int mostTried = 0;
        Assert.Multiple(() =>
        {
            for (int m = 0; m < actual.Minutes; m++)
            {
                one[0] = actual.Rate[m];
                double allApi = economics.Cost(0, 1, one[0], price);
                int best = 0;
                double bestCost = allApi, bestServed = 0;
                for (int nodes = 1; nodes * price < allApi; nodes++)
                {
                    MinuteEngine.ServeSpan(one, economics.RouterFor(nodes * perNode), served);
                    double cost = economics.Cost(nodes, 1, Math.Max(0, one[0] - served[0]), price);
                    if (cost < bestCost - 1e-12)
                    {
                        (best, bestCost, bestServed) = (nodes, cost, served[0]);
                    }
                    mostTried = Math.Max(mostTried, nodes);
                }
                Assert.That(run.Serving[m], Is.EqualTo(best * perNode), $"minute {m}");
                Assert.That(run.Served[m], Is.EqualTo(bestServed).Within(1e-9 * (1 + bestServed)), $"minute {m}");
            }
        });
        Assert.That(mostTried, Is.GreaterThan(OracleBound.SteppedUpTo), "the walk, not the month passes, ran");
    }
}
