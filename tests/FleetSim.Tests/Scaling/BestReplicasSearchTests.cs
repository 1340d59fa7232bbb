using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Scaling;

/// <summary>
/// The break-even count searched by bisection over whole nodes (past 64 candidate counts) against
/// every count tried in turn, here, on the same span cost; and a large fleet against a count worked
/// out by hand.
/// </summary>
public class BestReplicasSearchTests
{
    /// <summary>The seed's traffic times <paramref name="factor"/>: ×40 needs some 160 to 500 replicas.</summary>
    private static ScenarioSpec Scaled(double factor, params string[] sets) =>
        Scenarios.Seed([
            $"traffic.monthly_processed_tokens={583e9 * factor:R}",
            $"traffic.daily_shape.hourly_percentiles={{trough: {110e3 * factor:R}, p50: {222e3 * factor:R}, p90: {290e3 * factor:R}, p99: {327e3 * factor:R}}}",
            .. sets,
        ]);

    /// <summary>Every count from 0 to the search's limit (⌈peak ÷ replica throughput⌉ + 2 per node), keeping one only when cheaper by more than $1e−9.</summary>
    internal static int EveryCount(FleetEconomics economics, ReadOnlySpan<double> demand, int maxReplicas = int.MaxValue)
    {
        double peak = 0;
        foreach (double d in demand)
        {
            peak = Math.Max(peak, d);
        }
        int limit = Math.Min(maxReplicas, (int)Math.Ceiling(peak / economics.Replica.Throughput.Value) + 2 * economics.ReplicasPerNode);
        var scratch = new double[demand.Length];
        int best = 0;
        double bestCost = economics.SpanCost(demand, 0, scratch);
        for (int r = 1; r <= limit; r++)
        {
            double cost = economics.SpanCost(demand, r, scratch);
            if (cost < bestCost - 1e-9)
            {
                best = r;
                bestCost = cost;
            }
        }
        return best;
    }

    [Test]
    public void SameCountAsTryingEveryCount([Values("spill", "fluid")] string router, [Values(1, 4, 8)] int gpus)
    {
        // 1-GPU replicas put eight on a node; 4 two; 8 one.
        ScenarioSpec scenario = Scaled(40, $"router.mode={router}", $"replica.gpus={gpus}", $"replica.processed_tokens_per_second={26_600 * gpus / 4.0:R}");
        var economics = new FleetEconomics(scenario);
        DemandSeries demand = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        var scratch = new double[demand.Minutes];
        Assert.Multiple(() =>
        {
            // Every fourth hour of the first week, a whole day, and a cap below the answer.
            for (int hour = 0; hour < 168; hour += 4)
            {
                ReadOnlySpan<double> span = demand.Rate.Slice(hour * 60, 60);
                Assert.That(economics.BestReplicas(span, 100_000, scratch), Is.EqualTo(EveryCount(economics, span, 100_000)), $"hour {hour}");
            }
            ReadOnlySpan<double> day = demand.Rate[..1440];
            Assert.That(economics.BestReplicas(day, 100_000, scratch), Is.EqualTo(EveryCount(economics, day, 100_000)), "a day");
            Assert.That(economics.BestReplicas(day, 101, scratch), Is.EqualTo(EveryCount(economics, day, 101)), "capped at 101");
        });
    }

    [Test]
    public void ATenThousandReplicaHourByHand()
    {
        // A flat hour of 10,000.5 replicas' worth on the fluid router. A node (2 replicas) rents for
        // $48 an hour and, full, keeps 2 × 26,600 × 3,600 × $0.317/M = $60.71 off the API: every full
        // node pays. The 5,001st would serve half a replica's worth ($15.18) for $48: it does not.
        ScenarioSpec scenario = Scenarios.Seed("router.mode=fluid");
        var economics = new FleetEconomics(scenario);
        double[] hour = [.. Enumerable.Repeat(10_000.5 * 26_600, 60)];
        Assert.That(economics.BestReplicas(hour, 100_000, new double[60]), Is.EqualTo(10_000));
    }
}
