using FleetSim.Engine.Requests;
using FleetSim.Routing;
using FleetSim.Scenario;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>queue without a timeout against Erlang C, where the system really is an M/M/c.</summary>
[Parallelizable(ParallelScope.All)]
public class QueueErlangCTests
{
    /// <summary>Erlang C's mean wait W = C(N, A)/(Nμ − λ), C = B/(1 − (A/N)(1 − B)).</summary>
    private static double ErlangCMeanWait(int servers, double erlangs, double serviceSeconds)
    {
        double b = ErlangB.Loss(servers, erlangs);
        double c = b / (1 - erlangs / servers * (1 - b));
        double mu = 1 / serviceSeconds, lambda = erlangs * mu;
        return c / (servers * mu - lambda);
    }

    private static (double Mean, double StandardError, double Expected) MeanWait(int replicas, int maxInFlight, double erlangs, string strategy,
                                                                               int replications, int hours)
    {
        var waits = new List<double>();
        double service = double.NaN;
        for (int seed = 1; seed <= replications; seed++)
        {
            ScenarioSpec s = Scenarios.ConstantLoad(RequestRuns.TokensPerSecondFor(erlangs, maxInFlight),
                replicas, "queue",
                $"replica.max_in_flight={maxInFlight}", "traffic.request_mix.size_distribution=exponential",
                $"router.strategy={strategy}", $"horizon_hours={hours}", $"seed={seed}");
            RequestRun run = RequestRuns.Of(s);
            service = ServiceTime.Seconds(s.Traffic.RequestMix.ProcessedTokens, s.Replica);
            waits.Add(run.QueueWait.Mean);
        }
        var (mean, se) = RequestRuns.MeanAndStandardError(waits);
        double expected = ErlangCMeanWait(replicas * maxInFlight, erlangs, service);
        TestContext.Out.WriteLine($"{replicas}×{maxInFlight} {strategy} A={erlangs}: mean wait {mean:F3} ± {se:F3} s, pooled M/M/{replicas * maxInFlight} (Erlang C) {expected:F3} s, S={service:F1} s");
        return (mean, se, expected);
    }

    /// <remarks>
    /// One replica of 32 slots with exponential sizes is exactly M/M/32: Poisson arrivals, one FIFO
    /// queue, exponential holding times S = P·c/R. The run's mean wait is judged against W within
    /// 8 %: the waits inside a run are correlated over whole busy spells, so even 16 independent
    /// weeks (seeds 1..16) pin the mean only to a standard error of about 2.5 % of W, and 8 % is about
    /// three of those. The standard error is asserted too, so the band cannot be vacuous.
    /// </remarks>
    [TestCase(26.0)]
    [TestCase(28.0)]
    public void OneReplicaOf32SlotsWaitsAsErlangCSays(double erlangs)
    {
        var (mean, se, expected) = MeanWait(1, 32, erlangs, "least-busy", 16, 168);
        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(expected).Within(8).Percent);
            Assert.That(se, Is.LessThan(0.03 * expected));
        });
    }

    /// <remarks>
    /// With several replicas each has its own queue and a request is never re-routed, so the fleet is
    /// not one M/M/32. simple-shuffle splits the Poisson stream at random: four independent M/M/8
    /// queues at A/4 each, waiting ten times longer than a pooled M/M/32. least-busy (join the
    /// shortest queue) comes close to the pooled queue but cannot beat it.
    /// </remarks>
    [Test]
    public void SeveralReplicasAreSeparateQueuesNotOnePooledQueue()
    {
        const double erlangs = 26;
        var shuffle = MeanWait(4, 8, erlangs, "simple-shuffle", 4, 48);
        var leastBusy = MeanWait(4, 8, erlangs, "least-busy", 4, 48);
        double pooled = shuffle.Expected;
        double separate = ErlangCMeanWait(8, erlangs / 4, ServiceTime.Seconds(85_000, Scenarios.Seed().Replica));
        TestContext.Out.WriteLine($"four separate M/M/8 queues: {separate:F3} s");
        Assert.Multiple(() =>
        {
            Assert.That(shuffle.Mean, Is.EqualTo(separate).Within(3 * shuffle.StandardError));
            Assert.That(shuffle.Mean, Is.GreaterThan(5 * pooled));
            // LiteLLM's least-busy counts only requests in flight: once every slot is busy, arrivals pile onto
            // the first replica, so it waits longer than one pooled queue, though far less than blind shuffling.
            Assert.That(leastBusy.Mean, Is.GreaterThan(1.5 * pooled).And.LessThan(0.5 * separate));
        });
    }
}
