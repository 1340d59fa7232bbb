using FleetSim.Engine;
using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Routing;
using FleetSim.Routing.Requests;
using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Tests.Routing.Reference;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>
/// Issue 16: LiteLLM's router in front of replicas with a measured throughput curve, on the request
/// engine: a call that runs past its timeout is aborted mid-service and the requests left speed up.
/// Checked by a trace followed by hand, against an independent event-by-event simulation
/// (<see cref="SharedReplicaLiteLlmSimulation"/>), and against the slot model for a straight curve.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SharedLiteLlmEngineTests
{
    private const string Curve = "[[1, 8312], [2, 14000], [4, 21000], [8, 26600]]";

    /// <summary>R(0 … 8) of <see cref="Curve"/>, joined by straight lines.</summary>
    private static readonly double[] Rates = [0, 8312, 14000, 17500, 21000, 22400, 23800, 25200, 26600];

    /// <summary>
    /// One replica, R(1) = 10, R(2) = 16, R(3) = 18 tok/s (10, 8 and 6 tok/s a request), calls not
    /// streamed, timeout 8 s, no retries, so a timed-out request goes to the API. A = 100 tokens at 0 s,
    /// B = 57 at 1 s, C = 24 at 2 s.
    /// <list type="bullet">
    /// <item>0–1 s A alone at 10: A has 10. 1–2 s A, B at 8: A 18, B 8.</item>
    /// <item>From 2 s all three at 6: C (24) is first done, after 24/6 = 4 s, at 6 s; A 42, B 32.</item>
    /// <item>6–8 s A, B at 8: A 58, B 48. A's timeout (0 + 8 s) aborts it at 8 s with 58 tokens processed,
    /// 58·3/18 = 9.667 slot-seconds spent.</item>
    /// <item>B alone from 8 s at 10 tok/s: its last 9 take 0.9 s, done at 8.9 s, within its deadline
    /// (1 + 8 = 9 s). Had A stayed, B would have run at 8 tok/s and finished at 9.125 s, past it.</item>
    /// </list>
    /// Served: B (7.9 s end to end) and C (4 s), 81 tokens; A's 100 tokens go to the API.
    /// </summary>
    [Test]
    public void AnAbortedCallLeavesAndTheOthersSpeedUp()
    {
        ReplicaSpec replica = ConcaveReplica();
        var router = new RouterSpec(RouterMode.LiteLlm)
        {
            Retries = 0,
            CooldownSeconds = 0,
            LiteLlm = new LiteLlmSettings { TimeoutSeconds = 8, Streaming = false },
        };
        RequestLedger ledger = Drive(replica, router, [(0, 100), (1, 57), (2, 24)]);
        Assert.Multiple(() =>
        {
            Assert.That(ledger.TimedOut, Is.EqualTo(1));
            Assert.That(ledger.SelfHostedTokens, Is.EqualTo(81).Within(1e-9));
            Assert.That(ledger.SpilledTokens, Is.EqualTo(100));
            Assert.That(ledger.WastedSlotSeconds, Is.EqualTo(58.0 * 3 / 18).Within(1e-9));
            Assert.That(ledger.EndToEnd.Summary().Mean, Is.EqualTo((7.9 + 4) / 2).Within(1e-9), "B done at 8.9 s, sped up by A's abort; C at 6 s");
        });
    }

    /// <summary>
    /// The same trace with one retry (a group of the replica and the API retries at once, on the same
    /// replica). To 8 s as above. A's retry A′ starts at 8 s beside B, 8 tok/s each, so B's last 9 tokens
    /// would take until 9.125 s: B is aborted at its deadline, 9 s, with 48 + 8 = 56 processed, and
    /// retried: B′ starts at 9 s beside A′ (8 done). 9–16 s both at 8: A′ 64, B′ 56. A′'s deadline
    /// (8 + 8 = 16 s) aborts it with 64 processed: its retries are spent, to the API. B′ alone at 10 tok/s
    /// does its last 1 token by 16.1 s, within its deadline 17 s: 15.1 s end to end.
    /// Timed out: A, B, A′; retries: A, B; served C (24) and B′ (57); wasted (58 + 56 + 64)·3/18 slot-seconds.
    /// </summary>
    [Test]
    public void ARetrySlowsTheOthersAgain()
    {
        ReplicaSpec replica = ConcaveReplica();
        var router = new RouterSpec(RouterMode.LiteLlm)
        {
            Retries = 1,
            CooldownSeconds = 0,
            LiteLlm = new LiteLlmSettings { TimeoutSeconds = 8, Streaming = false },
        };
        RequestLedger ledger = Drive(replica, router, [(0, 100), (1, 57), (2, 24)]);
        Assert.Multiple(() =>
        {
            Assert.That(ledger.TimedOut, Is.EqualTo(3), "A twice, B once");
            Assert.That(ledger.Retries, Is.EqualTo(2), "A's and B's one retry each");
            Assert.That(ledger.SelfHostedTokens, Is.EqualTo(81).Within(1e-9), "C and B's retry");
            Assert.That(ledger.SpilledTokens, Is.EqualTo(100));
            Assert.That(ledger.WastedSlotSeconds, Is.EqualTo((58.0 + 56 + 64) * 3 / 18).Within(1e-9));
            Assert.That(ledger.EndToEnd.Summary().Mean, Is.EqualTo((4 + 15.1) / 2).Within(1e-9));
        });
    }

    /// <summary>
    /// max_parallel_requests 1 on the same replica, timeout 8 s: A = 50 tokens at 0 s runs alone at 10 tok/s and is
    /// done at 5 s; B = 60 at 1 s waits on the semaphore until then (4 s, while its timeout does not run), then runs
    /// alone for 6 s to 11 s: 10 s after it arrived, but a 6 s call, so nothing times out. Waits 0 and 4 s; end to
    /// end 5 and 10 s.
    /// </summary>
    [Test]
    public void TheTimeoutDoesNotRunOnTheSemaphore()
    {
        var router = new RouterSpec(RouterMode.LiteLlm)
        {
            Retries = 0,
            CooldownSeconds = 0,
            LiteLlm = new LiteLlmSettings { TimeoutSeconds = 8, Streaming = false, Semaphores = [1] },
        };
        RequestLedger ledger = Drive(ConcaveReplica(), router, [(0, 50), (1, 60)]);
        Assert.Multiple(() =>
        {
            Assert.That(ledger.TimedOut, Is.Zero);
            Assert.That(ledger.SelfHostedTokens, Is.EqualTo(110).Within(1e-9));
            Assert.That(ledger.Wait.Summary().Mean, Is.EqualTo(2).Within(1e-9));
            Assert.That(ledger.EndToEnd.Summary().Mean, Is.EqualTo(7.5).Within(1e-9));
        });
    }

    /// <summary>
    /// A line inside the replica, whose wait is part of the call: R(1) = 10, R(2) = 16 (max_in_flight 2), timeout
    /// 4.9 s, no retries. A = 40 at 0 s, B = 40 at 0.5 s, C = 10 at 1 s. A alone to 0.5 s (5), then A and B at 8:
    /// A's last 35 take 4.375 s, done at 4.875 s (a 4.875 s call, within 4.9). C, in line since 1 s, takes A's place
    /// at 4.875 s, beside B (35 done). B's deadline 0.5 + 4.9 = 5.4 s comes 0.025 s before its finish (5.5 s):
    /// aborted with 35 + 0.525·8 = 39.2 processed. C then runs alone at 10 tok/s: 4.2 done at 5.4 s, its last 5.8 would
    /// take to 5.98 s, past its deadline 1 + 4.9 = 5.9 s: aborted with 4.2 + 5 = 9.2 processed. Spent slot-time
    /// (39.2 + 9.2)·2/16 = 6.05 s; A served, B and C to the API.
    /// </summary>
    [Test]
    public void TheWaitForAPlaceIsPartOfTheCall()
    {
        var replica = new ReplicaSpec(4, 4, new(16), 2, new(1)) { MeasuredCurve = ThroughputCurve.Of([(1, 10), (2, 16)], 2) };
        var router = new RouterSpec(RouterMode.LiteLlm)
        {
            Retries = 0,
            CooldownSeconds = 0,
            LiteLlm = new LiteLlmSettings { TimeoutSeconds = 4.9, Streaming = false },
        };
        RequestLedger ledger = Drive(replica, router, [(0, 40), (0.5, 40), (1, 10)]);
        Assert.Multiple(() =>
        {
            Assert.That(ledger.TimedOut, Is.EqualTo(2));
            Assert.That(ledger.SelfHostedTokens, Is.EqualTo(40).Within(1e-9));
            Assert.That(ledger.SpilledTokens, Is.EqualTo(50));
            Assert.That(ledger.WastedSlotSeconds, Is.EqualTo((39.2 + 9.2) * 2 / 16).Within(1e-9));
            Assert.That(ledger.EndToEnd.Summary().Mean, Is.EqualTo(4.875).Within(1e-9));
        });
    }

    /// <summary>Feeds the litellm rule on one replica the requests (time, tokens), resuming what it deferred in time order as the engine does.</summary>
    private static RequestLedger Drive(ReplicaSpec replica, RouterSpec router, (double At, double Tokens)[] requests)
    {
        var ledger = new RequestLedger(1, 60, new ApiGate(new ApiSpec(ApiPriceSpec.Blended(1))));
        var fleet = new RequestFleet(new FleetShape(1, replica), router, 0, ledger, new Random(1));
        RequestAdmission rule = Router.For(router).Admission(fleet);
        foreach (var (at, tokens) in requests)
        {
            while (fleet.TryNextDue(at, out PendingRequest due))
            {
                rule.Resume(due);
            }
            rule.Arrive(at, tokens);
        }
        while (fleet.TryNextDue(double.PositiveInfinity, out PendingRequest due))
        {
            rule.Resume(due);
        }
        rule.Finish();
        return ledger;
    }

    /// <summary>R(1) = 10, R(2) = 16, R(3) = 18 tok/s, max_in_flight 3.</summary>
    private static ReplicaSpec ConcaveReplica() =>
        new(4, 4, new(18), 3, new(1)) { MeasuredCurve = ThroughputCurve.Of([(1, 10), (2, 16), (3, 18)], 3) };

    private static ScenarioSpec Flat(int replicas, double load, double timeout, int retries, int seed, double hours, params string[] more) =>
        Scenarios.ConstantLoad(load * replicas * 26_600, replicas, "litellm",
            [$"replica.throughput_curve={Curve}", $"horizon_hours={hours}", $"seed={seed}", "traffic.request_mix.size_distribution=exponential",
             $"router.timeout_seconds={timeout}", "router.streaming=false", $"router.retries={retries}", "router.cooldown_seconds=0", .. more]);

    /// <summary>
    /// One or two replicas, exponential sizes, calls not streamed with a timeout of 30–60 s (a request of
    /// the mean 85K tokens takes 10.2 s alone and 25.6 s in a full batch, and one in six is over twice
    /// the mean), retried at once: the calls timed out per request within 3 % of the independent
    /// simulation's, and the share sent to the API within 0.01 (four seeds of 48 h against 150,000
    /// requests; seed to seed the engine's shares spread by about ±0.01 here, its timeouts per request by ±1.5 %).
    /// </summary>
    [TestCase(1, 0.8, 60.0, 1)]
    [TestCase(2, 0.7, 30.0, 0)]
    [TestCase(2, 0.95, 50.0, 2)]
    public void TheEngineAgreesWithAnIndependentSimulation(int replicas, double load, double timeout, int retries)
    {
        var timedOut = new List<double>();
        var api = new List<double>();
        for (int seed = 1; seed <= 4; seed++)
        {
            RequestRun run = ScenarioRun.Of(Flat(replicas, load, timeout, retries, seed, 48), EngineChoice.Request).Requests!;
            timedOut.Add((double)run.Requests.TimedOut / run.Requests.Total);
            api.Add((double)run.Requests.Spilled / run.Requests.Total);
        }
        var (refTimedOut, refApi) = new SharedReplicaLiteLlmSimulation(replicas, Rates, load * replicas * 26_600, 85_000, timeout, retries, 13)
            .Run(requests: 150_000, warmUp: 5_000);
        TestContext.Out.WriteLine($"timed out {100 * timedOut.Average():F2} per 100 requests (reference {100 * refTimedOut:F2}), " +
                                  $"to the API {100 * api.Average():F2} % (reference {100 * refApi:F2} %)");
        Assert.Multiple(() =>
        {
            Assert.That(timedOut.Average(), Is.EqualTo(refTimedOut).Within(3).Percent);
            Assert.That(api.Average(), Is.EqualTo(refApi).Within(0.01));
            Assert.That(refApi, Is.GreaterThan(0.05), "the case exercises the timeout");
        });
    }

    /// <summary>A straight throughput_curve is processed_tokens_per_second alone: the slot model, the same bill to the cent and the same counts.</summary>
    [TestCase(true)]
    [TestCase(false)]
    public void AStraightCurveGivesTodaysResult(bool streaming)
    {
        string[] sets = ["horizon_hours=24", "router.timeout_seconds=30", $"router.streaming={(streaming ? "true" : "false")}", "router.max_parallel_requests=8"];
        ScenarioSpec plain = Scenarios.ConstantLoad(0.9 * 3 * 26_600, 3, "litellm", sets);
        ScenarioSpec straight = Scenarios.ConstantLoad(0.9 * 3 * 26_600, 3, "litellm", [.. sets, "replica.throughput_curve=[[1, 3325], [8, 26600]]"]);
        Assert.That(straight.Replica.MeasuredCurve, Is.Not.Null);
        ScenarioRun a = ScenarioRun.Of(plain, EngineChoice.Request), b = ScenarioRun.Of(straight, EngineChoice.Request);
        Assert.Multiple(() =>
        {
            Assert.That(Math.Round(b.Bill.Total.Value, 2), Is.EqualTo(Math.Round(a.Bill.Total.Value, 2)));
            Assert.That(b.Requests!.Requests, Is.EqualTo(a.Requests!.Requests));
            Assert.That(b.Requests.WastedSlotSeconds, Is.EqualTo(a.Requests.WastedSlotSeconds));
        });
    }

    /// <summary>
    /// least-busy over more replicas than are scanned (a kept set, which asks every replica its load when it is made):
    /// with and without a curve, at 30 % load and the default 6,000 s timeout, no call times out and every request is
    /// served on the fleet but those still waiting when the horizon ends.
    /// </summary>
    [TestCase(true)]
    [TestCase(false)]
    public void ALargeLeastBusyFleetRuns(bool curve)
    {
        ScenarioSpec s = Scenarios.ConstantLoad(0.3 * 20 * 26_600, 20, "litellm",
            ["horizon_hours=2", "router.strategy=least-busy", .. curve ? new[] { $"replica.throughput_curve={Curve}" } : []]);
        RequestRun run = ScenarioRun.Of(s, EngineChoice.Request).Requests!;
        Assert.Multiple(() =>
        {
            Assert.That(s.Replica.SharesByLoad, Is.EqualTo(curve));
            Assert.That(run.Requests.TimedOut, Is.Zero);
            Assert.That(run.Requests.SelfHosted, Is.EqualTo(run.Requests.Total - run.Requests.Unfinished));
            Assert.That(run.Requests.Total, Is.GreaterThan(1000));
        });
    }

    /// <summary>A curve under litellm is read (the refusal is lifted) and runs on the request engine only: the minute engine still has no litellm form.</summary>
    [Test]
    public void ACurveRunsBehindLiteLlmOnTheRequestEngine()
    {
        ScenarioSpec s = Flat(2, 0.9, 30, 2, 1, 2);
        Assert.Multiple(() =>
        {
            Assert.That(s.Replica.SharesByLoad, Is.True);
            Assert.That(ScenarioRun.Of(s).Engine, Is.EqualTo(EngineChoice.Request));
            Assert.That(MinuteRouter.WhyNoMinuteForm(s.Router, s.Replica, s.Traffic.RequestMix, 2), Does.Contain("no minute-engine form"));
        });
    }
}
