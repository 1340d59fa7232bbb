using FleetSim.Engine;
using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>
/// Issue 13, Deliver 3: the queue router's two engines side by side on several replicas (the grid in
/// <c>MinuteFormAgreementTests</c> holds the minute form to an independent reference; here FleetSim's
/// own request engine is held to the minute engine): simple-shuffle with a patience, exponential and
/// lognormal sizes, within 0.5 point of spill share, the mean of four seeds.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class QueueEngineAgreementTests
{
    [TestCase(4, 0.8, 30, "exponential")]
    [TestCase(4, 0.9, 30, "exponential")]
    [TestCase(4, 1.0, 30, "exponential")]
    [TestCase(4, 0.9, 120, "lognormal")]
    [TestCase(8, 1.2, 10, "lognormal")]
    public void TheQueuesEnginesAgreeWithinHalfAPoint(int replicas, double load, double patience, string sizes)
    {
        var shares = new List<double>();
        double minute = double.NaN;
        for (int seed = 1; seed <= 4; seed++)
        {
            ScenarioSpec s = Scenarios.ConstantLoad(RequestRuns.TokensPerSecondFor(load * replicas * 8, 8), replicas, "queue",
                $"router.patience_seconds={patience}", $"traffic.request_mix.size_distribution={sizes}", "horizon_hours=48", $"seed={seed}");
            DemandSeries demand = DemandBuilder.Build(s.Traffic, s.Horizon);
            minute = MinuteEngine.Run(demand, new FleetShape(replicas, s.Replica), s.Router, s.Traffic.RequestMix).Outcome.SpillShare;
            RequestRun run = RequestRuns.Of(s);
            shares.Add(run.Spilled / run.DemandTokens);
        }
        var (mean, error) = RequestRuns.MeanAndStandardError(shares);
        TestContext.Out.WriteLine($"request engine {100 * mean:F3} % ± {100 * error:F3}, minute engine {100 * minute:F3} %");
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.LessThan(0.0015), "the request engine's replications are too noisy to judge");
            Assert.That(minute, Is.EqualTo(mean).Within(0.005));
        });
    }
}
