using FleetSim.Engine.Requests;
using FleetSim.Routing;
using FleetSim.Scenario;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>
/// queue with a timeout where the request engine really is an M/M/N+D queue (one replica, exponential
/// sizes): the share that waits τ and falls back is the minute engine's closed form.
/// </summary>
/// <remarks>Judged by independent replications (seeds 1..K), as in <see cref="SpillErlangBTests"/>.</remarks>
[Parallelizable(ParallelScope.All)]
public class QueueTimeoutTests
{
    [TestCase(28.0, 10.0)]
    [TestCase(33.08, 30.0)]
    [TestCase(40.0, 30.0)]
    public void FallBackShareMatchesTheClosedForm(double erlangs, double timeout)
    {
        const int slots = 32;
        var shares = new List<double>();
        double expected = double.NaN;
        for (int seed = 1; seed <= 10; seed++)
        {
            ScenarioSpec s = Scenarios.ConstantLoad(RequestRuns.TokensPerSecondFor(erlangs, slots), 1, "queue",
                $"replica.max_in_flight={slots}", "traffic.request_mix.size_distribution=exponential",
                $"router.patience_seconds={timeout}", "horizon_hours=48", $"seed={seed}");
            RequestRun run = RequestRuns.Of(s);
            double service = ServiceTime.Seconds(s.Traffic.RequestMix.ProcessedTokens, s.Replica);
            double lambda = run.Demand.Rate[0] / s.Traffic.RequestMix.ProcessedTokens;
            expected = TimeoutQueue.FallbackShare(slots, lambda, service, timeout);
            Assert.That(run.Requests.TimedOut, Is.EqualTo(run.Requests.Spilled + run.Requests.Dropped - run.Requests.Unfinished));
            shares.Add((double)run.Requests.TimedOut / run.Requests.Total);
        }
        var (mean, se) = RequestRuns.MeanAndStandardError(shares);
        TestContext.Out.WriteLine($"A={erlangs} τ={timeout}: timed out {mean:F5} ± {se:F5}, M/M/32+D {expected:F5} " +
                                  $"({(mean - expected) / se:+0.00;-0.00} SE); Erlang B {ErlangB.Loss(slots, erlangs):F5}");
        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(expected).Within(3 * se));
            Assert.That(se, Is.LessThan(0.05 * expected));
        });
    }
}
