using System.Collections.Concurrent;
using FleetSim.Engine;
using FleetSim.Runs;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>The minute engine's closed forms against the request engine on the seed's deployment over a week.</summary>
/// <remarks>Week-long runs on independent seeds: the cases run in parallel.</remarks>
[Parallelizable(ParallelScope.All)]
public class MinuteAgreementTests
{
    private static readonly ConcurrentDictionary<string, Lazy<ScenarioRun>> Runs = new();

    /// <summary>The default scenario over a week on the request engine (which carries the minute bill too); each run once.</summary>
    private static ScenarioRun Week(int seed, params string[] router) =>
        Runs.GetOrAdd($"{seed}|{string.Join('|', router)}",
            _ => new Lazy<ScenarioRun>(() => ScenarioRun.Of(Scenarios.Seed(["horizon_hours=168", $"seed={seed}", .. router]), EngineChoice.Request))).Value;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void SpillShareOfTheMinuteEngineIsWithinOnePointOfTheRequestEngine(int seed)
    {
        ScenarioRun spill = Week(seed, "router.mode=spill");
        ScenarioRun queue = Week(seed, "router.mode=queue", "router.patience_seconds=30");
        TestContext.Out.WriteLine(
            $"seed {seed}: spill minute {spill.MinuteBill!.SpillShare:P3} request {spill.Bill.SpillShare:P3} " +
            $"(diff {(spill.MinuteBill.SpillShare - spill.Bill.SpillShare) * 100:+0.000;-0.000} pp); " +
            $"queue τ=30 s minute {queue.MinuteBill!.SpillShare:P3} request {queue.Bill.SpillShare:P3} " +
            $"(diff {(queue.MinuteBill.SpillShare - queue.Bill.SpillShare) * 100:+0.000;-0.000} pp)");
        Assert.Multiple(() =>
        {
            Assert.That(spill.Requests, Is.Not.Null);
            Assert.That(spill.MinuteBill.SpillShare, Is.EqualTo(spill.Bill.SpillShare).Within(0.010));
            Assert.That(queue.MinuteBill.SpillShare, Is.EqualTo(queue.Bill.SpillShare).Within(0.010));
        });
    }

    [Test]
    public void CooldownSpillsMoreThanSpillAtTheSameLoad()
    {
        ScenarioRun spill = Week(1, "router.mode=spill");
        ScenarioRun cooldown = Week(1, "router.mode=cooldown");
        TestContext.Out.WriteLine($"spill {spill.Bill.SpillShare:P2}, cooldown {cooldown.Bill.SpillShare:P2} " +
                                  $"({cooldown.Requests!.Requests.Rejected:N0} answered 429)");
        Assert.Multiple(() =>
        {
            Assert.That(cooldown.Requests!.DemandTokens.Value, Is.EqualTo(spill.Requests!.DemandTokens.Value).Within(1e-9).Percent, "same arrivals and sizes");
            Assert.That(cooldown.Bill.SpillShare, Is.GreaterThan(spill.Bill.SpillShare + 0.01));
            Assert.That(cooldown.Requests.SpilledRequestShare, Is.GreaterThan(spill.Requests!.SpilledRequestShare + 0.01));
            Assert.That(cooldown.Requests.Requests.Rejected, Is.GreaterThan(0));
        });
    }
}
