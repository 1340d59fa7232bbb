using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Scaling;

/// <summary>
/// The predictive, Holt-Winters and planned policies decided alone on a <see cref="ScalingContext"/>,
/// against counts worked out here: the break-even count of a flat hour on the fluid router is the
/// cheapest of node rent plus the API's bill for what the replicas leave over, written out below.
/// </summary>
public class PlanningPolicyTests
{
    // The seed's replica and prices: 26.6K tok/s per replica, two per 8-GPU node at $6/GPU-hour, API $0.317/M.
    private const double Throughput = 26_600, NodeUsdPerHour = 8 * 6, ApiUsdPerToken = 0.317e-6;

    /// <summary>The cheapest replica count for an hour of flat <paramref name="demand"/> tok/s, served as min(demand, capacity); ties to fewer.</summary>
    private static int BreakEven(double demand)
    {
        int best = 0;
        double bestCost = double.MaxValue;
        for (int r = 0; r <= 40; r++)
        {
            double nodes = Math.Ceiling(r / 2.0);
            double cost = nodes * NodeUsdPerHour + Math.Max(0, demand - r * Throughput) * 3600 * ApiUsdPerToken;
            if (cost < bestCost - 1e-9)
            {
                best = r;
                bestCost = cost;
            }
        }
        return best;
    }

    [Test]
    public void TheBreakEvenCountOfFiveAndAHalfReplicasOfDemandIsFour()
    {
        // By hand: 4 replicas (2 nodes) $96 + 1.5 × $30.36 = $141.5; 6 replicas (3 nodes) $144; 5: $159.2; 2: $154.3.
        Assert.That(BreakEven(5.5 * Throughput), Is.EqualTo(4));
    }

    private static (FleetEconomics Economics, ScenarioSpec Scenario) Fluid(params string[] sets)
    {
        ScenarioSpec scenario = Scenarios.Seed(["router.mode=fluid", .. sets]);
        return (new FleetEconomics(scenario), scenario);
    }

    [Test]
    public void SeasonalNaiveSizesTheComingHourByTheSameHourADayEarlier()
    {
        var (economics, _) = Fluid();
        int minutes = 2 * 1440;
        var demand = new double[minutes];
        Array.Fill(demand, 1.2 * Throughput);
        for (int m = 600; m < 660; m++)
        {
            demand[m] = 5.5 * Throughput; // 10:00 on day 0
        }
        var context = new ScalingContext(economics, demand, new double[minutes], new int[minutes], provisioningMinutes: 0);
        var policy = new PredictivePolicy(new PredictiveSpec(ForecastMethod.SeasonalNaive));
        Assert.Multiple(() =>
        {
            Assert.That(policy.DesiredReplicas(context.At(1440 + 600, 4, 4)), Is.EqualTo(BreakEven(5.5 * Throughput)), "10:00 on day 1");
            Assert.That(policy.DesiredReplicas(context.At(1440 + 720, 4, 4)), Is.EqualTo(BreakEven(1.2 * Throughput)), "12:00 on day 1");
        });
    }

    [Test]
    public void PredictiveLaunchesAProvisioningDelayAheadOfTheHourItSizes()
    {
        var (economics, _) = Fluid();
        int minutes = 2 * 1440;
        var demand = new double[minutes];
        Array.Fill(demand, 1.2 * Throughput);
        for (int m = 600; m < 660; m++)
        {
            demand[m] = 5.5 * Throughput;
        }
        var context = new ScalingContext(economics, demand, new double[minutes], new int[minutes], provisioningMinutes: 15);
        var policy = new PredictivePolicy(new PredictiveSpec(ForecastMethod.SeasonalNaive));
        // At 09:45 on day 1 the hour 15 minutes ahead is 10:00, busy a day earlier; at 09:44 it is still 09:59.
        Assert.Multiple(() =>
        {
            Assert.That(policy.DesiredReplicas(context.At(1440 + 585, 2, 2)), Is.EqualTo(BreakEven(5.5 * Throughput)));
            Assert.That(policy.DesiredReplicas(context.At(1440 + 584, 2, 2)), Is.EqualTo(BreakEven(1.2 * Throughput)));
        });
    }

    [Test]
    public void HoltWintersFollowsItsRecurrenceByHand()
    {
        // Season 2, α = β = γ = 0.5, values 1, 3, 2: the first season sets level 2 and seasonal −1, +1;
        // then level 0.5(2 + 1) + 0.5(2 + 0) = 2.5, trend 0.5(0.5) = 0.25, seasonal[0] 0.5(2 − 2.5) + 0.5(−1) = −0.75.
        var hw = new HoltWinters(2, 0.5, 0.5, 0.5);
        foreach (double v in new[] { 1.0, 3.0, 2.0 })
        {
            hw.Add(v);
        }
        Assert.Multiple(() =>
        {
            Assert.That(hw.Forecast(1), Is.EqualTo(2.5 + 0.25 + 1).Within(1e-12));
            Assert.That(hw.Forecast(2), Is.EqualTo(2.5 + 0.5 - 0.75).Within(1e-12));
        });
    }

    [Test]
    public void HoltWintersPredictiveOnAFlatHistorySizesTheFlatLevel()
    {
        var (economics, _) = Fluid();
        int minutes = 3 * 1440;
        var demand = new double[minutes];
        Array.Fill(demand, 5.5 * Throughput);
        var context = new ScalingContext(economics, demand, new double[minutes], new int[minutes], provisioningMinutes: 0);
        var policy = new PredictivePolicy(new PredictiveSpec(ForecastMethod.HoltWinters));
        Assert.That(policy.DesiredReplicas(context.At(3 * 1440 - 60, 4, 4)), Is.EqualTo(BreakEven(5.5 * Throughput)));
    }

    [Test]
    public void APlannedPolicyAsksAProvisioningDelayEarlyAndLetsGoWhenThePlanDrops()
    {
        // Plan: 2 until minute 100, 6 until 200, then 1. With 15 minutes to provision it wants 6 from 85 and 1 from 200.
        int[] plan = [.. Enumerable.Range(0, 400).Select(m => m < 100 ? 2 : m < 200 ? 6 : 1)];
        var (economics, _) = Fluid();
        var context = new ScalingContext(economics, new double[400], new double[400], new int[400], provisioningMinutes: 15);
        var policy = new PlannedPolicy("schedule", plan);
        int At(int minute) => policy.DesiredReplicas(context.At(minute, 0, 0));
        Assert.Multiple(() =>
        {
            Assert.That(At(84), Is.EqualTo(2));
            Assert.That(At(85), Is.EqualTo(6));
            Assert.That(At(199), Is.EqualTo(6));
            Assert.That(At(200), Is.EqualTo(1));
        });
    }

    [Test]
    public void AGivenScheduleMapsHoursOfWeekdaysAndWeekends()
    {
        // Hours count from a Monday 00:00: days 5 and 6 are the weekend.
        var (economics, scenario) = Fluid("horizon_hours=168");
        DemandSeries expected = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        int[] weekday = [.. Enumerable.Range(0, 24)];
        int[] weekend = [.. Enumerable.Range(100, 24)];
        int[] plan = Plans.Schedule(new ScheduleSpec(weekday, weekend), expected, economics);
        Assert.Multiple(() =>
        {
            Assert.That(plan[60 * 3], Is.EqualTo(3), "Monday 03:00");
            Assert.That(plan[60 * (24 * 4 + 23) + 59], Is.EqualTo(23), "Friday 23:59");
            Assert.That(plan[60 * (24 * 5 + 7) + 7], Is.EqualTo(107), "Saturday 07:07");
        });
    }

    [Test]
    public void ADerivedScheduleRunsTheBreakEvenCountOfEachHour()
    {
        var (economics, scenario) = Fluid("horizon_hours=168", "traffic.daily_shape={hourly: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}",
                                          $"traffic.monthly_processed_tokens={5.5 * Throughput * 3600 * 730:R}");
        DemandSeries expected = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        int[] plan = Plans.Schedule(null, expected, economics);
        Assert.That(plan, Has.All.EqualTo(BreakEven(expected.Rate[0])));
    }
}
