using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Scaling;

/// <summary>
/// The break-even count searched from a guess (<see cref="FleetEconomics.BestReplicas(ReadOnlySpan{double}, int, Span{double}, int, ref double)"/>)
/// against every count tried in turn, here: good, bad and absurd guesses and slopes give the same count.
/// </summary>
public class BestReplicasGuessTests
{
    private static ScenarioSpec Scaled(double factor, params string[] sets) =>
        Scenarios.Seed([
            $"traffic.monthly_processed_tokens={583e9 * factor:R}",
            $"traffic.daily_shape.hourly_percentiles={{trough: {110e3 * factor:R}, p50: {222e3 * factor:R}, p90: {290e3 * factor:R}, p99: {327e3 * factor:R}}}",
            "traffic.noise={minute_cv: 0.1, minute_correlation: 0.9}",
            .. sets,
        ]);

    private static DemandSeries Month(ScenarioSpec scenario) =>
        DemandBuilder.Realize(DemandBuilder.Build(scenario.Traffic, scenario.Horizon), scenario.Traffic.Noise, scenario.Seed);

    [Test]
    public void AnyGuessGivesTheCountOfTryingEveryCount([Values("spill", "fluid")] string router)
    {
        ScenarioSpec scenario = Scaled(40, $"router.mode={router}");
        var economics = new FleetEconomics(scenario);
        DemandSeries demand = Month(scenario);
        var scratch = new double[60];
        Assert.Multiple(() =>
        {
            for (int hour = 0; hour < 96; hour += 5)
            {
                ReadOnlySpan<double> span = demand.Rate.Slice(hour * 60, 60);
                int expected = BestReplicasSearchTests.EveryCount(economics, span);
                foreach ((int guess, double slope) in new[] { (-1, 0.0), (0, 0.0), (expected, 0.05), (expected + 37, 1.0), (100_000, 1e-6), (expected / 2, 1e3) })
                {
                    double measured = slope;
                    Assert.That(economics.BestReplicas(span, 100_000, scratch, guess, ref measured), Is.EqualTo(expected), $"hour {hour}, guess {guess}, slope {slope}");
                }
            }
        });
    }

    [Test]
    public void TenThousandReplicaHoursFromAGuess()
    {
        // 2,500 times the seed's traffic with minute noise, as the FleetScale benchmark runs it: some 10,000 to 26,000 replicas.
        ScenarioSpec scenario = Scaled(2_500);
        var economics = new FleetEconomics(scenario);
        DemandSeries demand = Month(scenario);
        var scratch = new double[60];
        double slope = 0;
        Assert.Multiple(() =>
        {
            foreach (int hour in new[] { 3, 15 })
            {
                ReadOnlySpan<double> span = demand.Rate.Slice(hour * 60, 60);
                int expected = BestReplicasSearchTests.EveryCount(economics, span);
                Assert.That(economics.BestReplicas(span, 100_000, scratch), Is.EqualTo(expected), $"hour {hour}, no guess");
                Assert.That(economics.BestReplicas(span, 100_000, scratch, expected - 301, ref slope), Is.EqualTo(expected), $"hour {hour}, a guess 301 below");
            }
        });
    }
}
