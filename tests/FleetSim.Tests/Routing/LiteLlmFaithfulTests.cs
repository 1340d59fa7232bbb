using FleetSim.Engine.Requests;
using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Tests.Engine.Requests;
using MathNet.Numerics.Distributions;

namespace FleetSim.Tests.Routing;

/// <summary>
/// Issue 13's failures 1–3 with values computed apart from FleetSim: LiteLLM's timeout bounds the
/// call, not the wait (a closed form over the lognormal sizes); num_retries defaults to 2 (a small
/// independent simulation of 429-and-cooldown kept here); least-busy sees only requests in flight.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class LiteLlmFaithfulTests
{
    private const double MeanTokens = 85_000;
    private const int Slots = 8;

    /// <summary>Seconds a request of the mean size holds a slot: P·c/R = 25.56 s.</summary>
    private static readonly double MeanService = MeanTokens * Slots / RequestRuns.ReplicaTokensPerSecond;

    /// <remarks>
    /// Non-streamed calls, semaphore = slots = 8, timeout 30 s: a call's length is its service time
    /// P·c/R, whatever the load (the semaphore wait is outside it), so exactly the requests with
    /// S &gt; 30 s time out, on every attempt, and go to the API after 3 attempts. For lognormal P
    /// (σ² = ln(1 + cv²), μ = ln P̄ − σ²/2), the share of tokens in requests above p₃₀ = 30·R/c is
    /// E[P; P &gt; p₃₀]/E[P] = Φ((μ + σ² − ln p₃₀)/σ), and the share of requests 1 − Φ((ln p₃₀ − μ)/σ).
    /// The old model sent whoever had waited 30 s for a slot to the API instead.
    /// </remarks>
    [Test]
    public void TimeoutBoundsTheCallNotTheWait()
    {
        double cv = 1.0;
        double sigma2 = Math.Log(1 + cv * cv), sigma = Math.Sqrt(sigma2), mu = Math.Log(MeanTokens) - sigma2 / 2;
        double p30 = 30 * RequestRuns.ReplicaTokensPerSecond / Slots;
        double tokenShare = Normal.CDF(0, 1, (mu + sigma2 - Math.Log(p30)) / sigma);
        double requestShare = 1 - Normal.CDF(0, 1, (Math.Log(p30) - mu) / sigma);

        ScenarioSpec s = Scenarios.ConstantLoad(0.3 * 4 * RequestRuns.ReplicaTokensPerSecond, 4, "litellm",
            "router.timeout_seconds=30", "router.streaming=false", "router.max_parallel_requests=8",
            "traffic.request_mix.size_cv=1", "horizon_hours=96");
        RequestRun run = RequestRuns.Of(s);
        double spilled = run.Spilled.Value / run.DemandTokens.Value;
        TestContext.Out.WriteLine($"tokens to the API {spilled:P2} (closed form {tokenShare:P2}); requests {run.SpilledRequestShare:P2} ({requestShare:P2}); " +
                                  $"{run.Requests.TimedOut:N0} calls timed out, {run.Requests.Retries:N0} retries, {run.WastedSlotSeconds / 3600:N0} slot-hours spent on them");
        Assert.Multiple(() =>
        {
            Assert.That(spilled, Is.EqualTo(tokenShare).Within(0.02));
            Assert.That(run.SpilledRequestShare, Is.EqualTo(requestShare).Within(0.01));
            Assert.That(run.Requests.TimedOut, Is.EqualTo(3 * run.Requests.Spilled).Within((long)(0.001 * run.Requests.Total) + 10), "three attempts each");
            Assert.That(run.Requests.Retries, Is.EqualTo(2 * run.Requests.Spilled).Within((long)(0.001 * run.Requests.Total) + 10));
            Assert.That(run.WastedSlotSeconds, Is.EqualTo(90.0 * run.Requests.Spilled).Within(0.3).Percent, "30 s of slot time per attempt (a few attempts still queued at the end)");
        });
    }

    /// <remarks>
    /// Streamed, the same 30 s bounds the first token (stream_timeout), and prefill takes about a
    /// second for a request of the mean size, so at 95 % load requests wait on the semaphore far
    /// longer than 30 s and still run on the fleet. Only a request some 30 times the mean (fresh
    /// input 8 × its share of the replica's prefill past 30 s, about 1 in 10⁵ here) times out.
    /// </remarks>
    [Test]
    public void AStreamedCallWaitsOnTheSemaphoreAsLongAsItTakes()
    {
        ScenarioSpec s = Scenarios.ConstantLoad(0.95 * 4 * RequestRuns.ReplicaTokensPerSecond, 4, "litellm",
            "router.timeout_seconds=30", "router.max_parallel_requests=8", "horizon_hours=24");
        RequestRun run = RequestRuns.Of(s);
        TestContext.Out.WriteLine($"wait P99 {run.QueueWait.P99:F1} s; to the API {run.Requests.Spilled}; unfinished {run.Requests.Unfinished}");
        Assert.Multiple(() =>
        {
            Assert.That(run.Requests.TimedOut, Is.LessThan(1e-4 * run.Requests.Total));
            Assert.That(run.Requests.Spilled * 3, Is.LessThanOrEqualTo(run.Requests.TimedOut), "only after three timed-out attempts");
            Assert.That(run.QueueWait.P99, Is.GreaterThan(30));
        });
    }

    /// <remarks>
    /// Four replicas answering 429 when full, 5 s cooldown, flat load at 70 % of 32 slots,
    /// exponential sizes. LiteLLM retries twice by default, so a scenario that says nothing about
    /// retries must spill what num_retries: 2 spills (about 2.5 %), not what 0 retries spills (about 7.4 %).
    /// The expected shares come from <see cref="CooldownReference"/>, written apart from FleetSim.
    /// </remarks>
    [Test]
    public void CooldownRetriesDefaultToTwo()
    {
        double erlangs = 0.7 * 32;
        double lambda = erlangs / MeanService;
        double twoRetries = CooldownReference.SpillShare(4, Slots, lambda, MeanService, 5, retries: 2, seconds: 400_000, seed: 7);
        double noRetries = CooldownReference.SpillShare(4, Slots, lambda, MeanService, 5, retries: 0, seconds: 400_000, seed: 8);
        string[] flat = ["traffic.request_mix.size_distribution=exponential", "horizon_hours=96"];
        RequestRun byDefault = RequestRuns.Of(Scenarios.ConstantLoad(RequestRuns.TokensPerSecondFor(erlangs, Slots), 4, "cooldown", flat));
        RequestRun none = RequestRuns.Of(Scenarios.ConstantLoad(RequestRuns.TokensPerSecondFor(erlangs, Slots), 4, "cooldown", [.. flat, "router.retries=0"]));
        TestContext.Out.WriteLine($"default {byDefault.SpilledRequestShare:P2} (reference, 2 retries {twoRetries:P2}); " +
                                  $"retries 0 {none.SpilledRequestShare:P2} (reference {noRetries:P2})");
        Assert.Multiple(() =>
        {
            Assert.That(byDefault.Router.Retries, Is.EqualTo(2));
            Assert.That(byDefault.SpilledRequestShare, Is.EqualTo(twoRetries).Within(0.006));
            Assert.That(none.SpilledRequestShare, Is.EqualTo(noRetries).Within(0.01));
            Assert.That(twoRetries, Is.InRange(0.015, 0.035), "the issue's 2.5 %");
            Assert.That(noRetries, Is.InRange(0.06, 0.09), "the issue's 7.4 %");
        });
    }

    /// <remarks>
    /// least-busy with a 30 s patience at 85 % load on 4 × 8 slots: LiteLLM's count leaves out queued
    /// requests, so once all 32 slots are busy every arrival queues on the first replica. The issue's
    /// LiteLLM-faithful model falls back 1.35–1.46 %; counting queued requests too gave 0.1–0.2 %.
    /// Held to the independent event-by-event reference (<c>Reference/ReplicaFleetSimulation</c>, which
    /// uses no FleetSim code), about 1.48 % ± 0.02, within 0.15 point: about three standard errors of
    /// the two runs together (this run's 766K requests, correlated in time, give about ±0.04).
    /// </remarks>
    [Test]
    public void LeastBusySeesOnlyRequestsInFlight()
    {
        ScenarioSpec s = Scenarios.ConstantLoad(RequestRuns.TokensPerSecondFor(0.85 * 32, Slots), 4, "queue",
            "router.strategy=least-busy", "router.patience_seconds=30", "traffic.request_mix.size_distribution=exponential", "horizon_hours=200");
        RequestRun run = RequestRuns.Of(s);
        double service = 85_000.0 * Slots / 26_600.0;
        Reference.ReferenceResult reference = new Reference.ReplicaFleetSimulation(4, Slots, Reference.ReferencePicker.LeastBusyInFlight, 0.85 * 32 / service, service, true, 1, 30, 17)
            .Run(3_000_000, 300_000);
        TestContext.Out.WriteLine($"fell back {run.SpilledRequestShare:P2}; reference {reference.FallbackShare:P3} ± {reference.StandardError:P3}");
        Assert.That(run.SpilledRequestShare, Is.EqualTo(reference.FallbackShare).Within(0.0015));
    }
}
