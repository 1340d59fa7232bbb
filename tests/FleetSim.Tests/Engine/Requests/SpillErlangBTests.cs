using FleetSim.Engine.Requests;
using FleetSim.Routing;
using FleetSim.Scenario;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>
/// spill on the request engine against Erlang B under flat load: the share of requests that find all
/// slots busy is B(N, A) whatever the size distribution.
/// </summary>
/// <remarks>
/// The standard error: requests inside one run are correlated in time (a busy spell blocks many in a
/// row), so the binomial √(B(1−B)/n) would understate it. Each case is instead run as K independent
/// replications (seeds 1..K, each a whole run starting empty) and judged by the mean of their shares
/// and its standard error s/√K. Each replication starts with no request in flight; the fleet fills
/// within a few service times (25.6 s at 8 in flight), so the replications are hours long to keep
/// that start-up deficit a small fraction of one standard error.
/// </remarks>
[Parallelizable(ParallelScope.All)]
public class SpillErlangBTests
{
    private sealed record Replications(double Expected, (double Mean, double StandardError) Requests,
                                       (double Mean, double StandardError) Tokens, (double Mean, double StandardError) Utilization,
                                       double Offered, long Arrivals, double BinomialError);

    private static Replications Replicate(int slots, double erlangs, int replications, int hours, params string[] sets)
    {
        const int maxInFlight = 8;
        var requestShares = new List<double>();
        var tokenShares = new List<double>();
        var utilizations = new List<double>();
        long arrivals = 0;
        double expected = double.NaN, offered = double.NaN;
        for (int seed = 1; seed <= replications; seed++)
        {
            ScenarioSpec s = Scenarios.ConstantLoad(RequestRuns.TokensPerSecondFor(erlangs, maxInFlight), slots / maxInFlight, "spill",
                [$"horizon_hours={hours}", $"seed={seed}", .. sets]);
            RequestRun run = RequestRuns.Of(s);
            Assert.That(run.Fleet.Slots, Is.EqualTo(slots));
            // The offered load the run saw: its flat rate times c/R (exactly the A asked for, up to rounding).
            offered = run.Demand.Rate[0] * ServiceTime.ErlangsPerTokenPerSecond(run.Fleet.Replica);
            Assert.That(offered, Is.EqualTo(erlangs).Within(1e-9).Percent);
            expected = ErlangB.Loss(slots, offered);
            requestShares.Add(run.SpilledRequestShare);
            tokenShares.Add(run.Spilled / run.DemandTokens);
            utilizations.Add(run.Utilization);
            arrivals += run.Requests.Total;
        }
        double binomial = Math.Sqrt(expected * (1 - expected) / arrivals);
        var result = new Replications(expected, RequestRuns.MeanAndStandardError(requestShares),
                                      RequestRuns.MeanAndStandardError(tokenShares), RequestRuns.MeanAndStandardError(utilizations),
                                      offered, arrivals, binomial);
        TestContext.Out.WriteLine(
            $"N={slots} A={erlangs}: B={expected:F6}; request share {result.Requests.Mean:F6} ± {result.Requests.StandardError:F6} " +
            $"({(result.Requests.Mean - expected) / result.Requests.StandardError:+0.00;-0.00} SE), token share {result.Tokens.Mean:F6} ± " +
            $"{result.Tokens.StandardError:F6}; utilization {result.Utilization.Mean:F5} ± {result.Utilization.StandardError:F5} " +
            $"vs A(1−B)/N {offered * (1 - expected) / slots:F5}; {arrivals:N0} requests in {replications} × {hours} h; binomial SE would be {binomial:F6}");
        return result;
    }

    [TestCase(32, 33.08, 16, 24)]
    [TestCase(8, 4.0, 16, 168)]
    [TestCase(400, 380.0, 16, 4)]
    public void RequestShareMatchesErlangBWithinThreeStandardErrors(int slots, double erlangs, int replications, int hours)
    {
        Replications r = Replicate(slots, erlangs, replications, hours);
        Assert.Multiple(() =>
        {
            Assert.That(r.Requests.Mean, Is.EqualTo(r.Expected).Within(3 * r.Requests.StandardError));
            // The replications resolve B to a few per cent of itself: the test has teeth.
            Assert.That(r.Requests.StandardError, Is.LessThan(0.03 * r.Expected));
            // The slots are busy for the carried load A(1 − B), measured by the in-flight record, not by
            // counting; less the start from empty, at most λ·E[S²]/2 = A·S̄ slot-seconds (sizes with cv 1).
            double startUp = r.Offered * ServiceTime.Seconds(85_000, Scenarios.Seed().Replica) / (slots * hours * 3600.0);
            Assert.That(r.Utilization.Mean, Is.EqualTo(r.Offered * (1 - r.Expected) / slots).Within(3 * r.Utilization.StandardError + startUp));
        });
    }

    /// <remarks>
    /// Erlang B is insensitive to the holding-time distribution, so the request share is B(32, 33.08)
    /// whether sizes are exponential, lognormal with a long tail (cv 3) or all alike (cv 0). The
    /// token share is a different number in every run (one spilled 1M-token request outweighs a
    /// hundred small ones), but whether a request spills is decided by the state it finds, not by its
    /// own size, so the token share is B in expectation as well, only noisier when sizes vary.
    /// </remarks>
    [TestCase("traffic.request_mix.size_distribution=exponential")]
    [TestCase("traffic.request_mix.size_cv=3")]
    [TestCase("traffic.request_mix.size_cv=0")]
    public void RequestShareIsInsensitiveToTheSizeDistribution(string sizes)
    {
        Replications r = Replicate(32, 33.08, 12, 24, sizes);
        Assert.Multiple(() =>
        {
            Assert.That(r.Requests.Mean, Is.EqualTo(r.Expected).Within(3 * r.Requests.StandardError));
            Assert.That(r.Requests.StandardError, Is.LessThan(0.03 * r.Expected));
            Assert.That(r.Tokens.Mean, Is.EqualTo(r.Expected).Within(3 * r.Tokens.StandardError));
        });
    }

    [Test]
    public void TokenShareDiffersFromRequestShareOnlyByTheWeightOfEachRequest()
    {
        ScenarioSpec s = Scenarios.ConstantLoad(RequestRuns.TokensPerSecondFor(33.08, 8), 4, "spill", "horizon_hours=24", "traffic.request_mix.size_cv=3");
        RequestRun lognormal = RequestRuns.Of(s);
        RequestRun alike = RequestRuns.Of(Scenarios.ConstantLoad(RequestRuns.TokensPerSecondFor(33.08, 8), 4, "spill", "horizon_hours=24", "traffic.request_mix.size_cv=0"));
        double lognormalTokens = lognormal.Spilled / lognormal.DemandTokens;
        double alikeTokens = alike.Spilled / alike.DemandTokens;
        TestContext.Out.WriteLine($"cv 3: requests {lognormal.SpilledRequestShare:F6} tokens {lognormalTokens:F6}; cv 0: requests {alike.SpilledRequestShare:F6} tokens {alikeTokens:F6}");
        Assert.Multiple(() =>
        {
            // Every request alike: a token share is a request share.
            Assert.That(alikeTokens, Is.EqualTo(alike.SpilledRequestShare).Within(1e-9));
            // Sizes that vary: the two shares are different measurements of the same B.
            Assert.That(lognormalTokens, Is.Not.EqualTo(lognormal.SpilledRequestShare).Within(1e-4));
        });
    }
}
