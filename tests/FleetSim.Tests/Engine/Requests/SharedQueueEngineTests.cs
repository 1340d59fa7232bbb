using FleetSim.Engine;
using FleetSim.Engine.Requests;
using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Tests.Routing.Reference;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>
/// Issue 16: the queue router in front of replicas with a measured throughput curve, on the request
/// engine (there is no minute form: the engine choice says so). Checked against a birth-death closed
/// form and against an independent event-by-event simulation (<see cref="SharedReplicaQueueSimulation"/>).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SharedQueueEngineTests
{
    private const string Curve = "[[1, 8312], [2, 14000], [4, 21000], [8, 26600]]";

    /// <summary>R(0 … 8) of <see cref="Curve"/>, joined by straight lines.</summary>
    private static readonly double[] Rates = [0, 8312, 14000, 17500, 21000, 22400, 23800, 25200, 26600];

    private static ScenarioSpec Flat(int replicas, double load, double? patience, string sizes, int seed, double hours) =>
        Scenarios.ConstantLoad(load * replicas * 26_600, replicas, "queue",
            [$"replica.throughput_curve={Curve}", $"horizon_hours={hours}", $"seed={seed}", $"traffic.request_mix.size_distribution={sizes}",
             .. patience is { } t ? new[] { $"router.patience_seconds={t}" } : []]);

    /// <summary>
    /// One replica, exponential sizes, no patience: n in the system is a birth-death chain with birth λ
    /// and death R(min(n, 8))/P̄, p(n) ∝ Π λ·P̄/R(min(k, 8)); mean end to end = E[n]/λ (Little) and mean
    /// wait = E[max(n − 8, 0)]/λ. Worked out here, summed to n = 20,000 (the tail is geometric).
    /// </summary>
    [Test]
    public void OneReplicaMatchesTheBirthDeathChain()
    {
        const double load = 0.8, mean = 85_000;
        double demand = load * 26_600, lambda = demand / mean;
        double weight = 1, total = 0, inSystem = 0, waiting = 0;
        for (int n = 0; n <= 20_000; n++)
        {
            if (n > 0)
            {
                weight *= demand / Rates[Math.Min(n, 8)];
            }
            total += weight;
            inSystem += n * weight;
            waiting += Math.Max(n - 8, 0) * weight;
        }
        double endToEnd = inSystem / total / lambda, wait = waiting / total / lambda;
        var e2e = new List<double>();
        var waits = new List<double>();
        for (int seed = 1; seed <= 4; seed++)
        {
            RequestRun run = ScenarioRun.Of(Flat(1, load, null, "exponential", seed, 24 * 7), EngineChoice.Request).Requests!;
            e2e.Add(run.EndToEnd.Mean);
            waits.Add(run.QueueWait.Mean);
        }
        TestContext.Out.WriteLine($"end to end {e2e.Average():F2} s (chain {endToEnd:F2}), wait {waits.Average():F2} s (chain {wait:F2})");
        Assert.Multiple(() =>
        {
            Assert.That(e2e.Average(), Is.EqualTo(endToEnd).Within(4).Percent);
            Assert.That(waits.Average(), Is.EqualTo(wait).Within(8).Percent);
        });
    }

    /// <summary>Several replicas, lognormal sizes, a patience: the share that times out and the mean wait, against the independent simulation.</summary>
    [TestCase(1, 1.1, 20.0)]
    [TestCase(3, 0.95, 30.0)]
    [TestCase(3, 1.3, 10.0)]
    public void TheEngineAgreesWithAnIndependentSimulation(int replicas, double load, double patience)
    {
        var shares = new List<double>();
        var waits = new List<double>();
        for (int seed = 1; seed <= 3; seed++)
        {
            RequestRun run = ScenarioRun.Of(Flat(replicas, load, patience, "lognormal", seed, 48), EngineChoice.Request).Requests!;
            shares.Add((double)run.Requests.TimedOut / run.Requests.Total);
            waits.Add(run.QueueWait.Mean);
        }
        var reference = new SharedReplicaQueueSimulation(replicas, Rates, load * replicas * 26_600, 85_000, 1.0, patience, 7)
            .Run(requests: 150_000, warmUp: 5_000);
        TestContext.Out.WriteLine($"timed out {100 * shares.Average():F2} % (reference {100 * reference.TimedOutShare:F2} %), " +
                                  $"wait {waits.Average():F2} s (reference {reference.MeanWaitSeconds:F2} s)");
        Assert.Multiple(() =>
        {
            Assert.That(shares.Average(), Is.EqualTo(reference.TimedOutShare).Within(0.01));
            Assert.That(waits.Average(), Is.EqualTo(reference.MeanWaitSeconds).Within(10).Percent);
        });
    }

    [Test]
    public void TheMinuteEngineSaysItHasNoFormAndAutoPicksTheRequestEngine()
    {
        ScenarioSpec s = Flat(2, 0.9, 30, "lognormal", 1, 2);
        Assert.Multiple(() =>
        {
            Assert.That(ScenarioRun.Of(s).Engine, Is.EqualTo(EngineChoice.Request));
            Assert.That(FleetSim.Routing.MinuteRouter.WhyNoMinuteForm(s.Router, s.Replica, s.Traffic.RequestMix, 2), Does.Contain("no minute-engine form"));
        });
    }
}

/// <summary>Issue 16: the cooldown router in front of replicas with a measured curve, against an independent simulation.</summary>
[Parallelizable(ParallelScope.All)]
public class SharedCooldownEngineTests
{
    private static readonly double[] Rates = [0, 8312, 14000, 17500, 21000, 22400, 23800, 25200, 26600];

    [TestCase(2, 0.8, 5.0, 2)]
    [TestCase(4, 1.0, 5.0, 2)]
    [TestCase(4, 0.9, 20.0, 0)]
    public void TheEngineAgreesWithAnIndependentSimulation(int replicas, double load, double cooldown, int retries)
    {
        var shares = new List<double>();
        for (int seed = 1; seed <= 3; seed++)
        {
            ScenarioSpec s = Scenarios.ConstantLoad(load * replicas * 26_600, replicas, "cooldown",
                "replica.throughput_curve=[[1, 8312], [2, 14000], [4, 21000], [8, 26600]]", "horizon_hours=48", $"seed={seed}",
                "traffic.request_mix.size_distribution=exponential", $"router.cooldown_seconds={cooldown}", $"router.retries={retries}");
            RequestRun run = ScenarioRun.Of(s, EngineChoice.Request).Requests!;
            shares.Add((double)run.Requests.Spilled / run.Requests.Total);
        }
        double reference = new SharedReplicaCooldownSimulation(replicas, Rates, load * replicas * 26_600, 85_000, cooldown, retries, 11)
            .SpillShare(requests: 150_000, warmUp: 5_000);
        TestContext.Out.WriteLine($"to the API {100 * shares.Average():F2} % (reference {100 * reference:F2} %)");
        Assert.That(shares.Average(), Is.EqualTo(reference).Within(0.01));
    }
}
