using FleetSim.Engine.Kernel;
using NUnit.Framework;

namespace FleetSim.Tests.Engine.Kernel;

public class ProcessTests
{
    [Test]
    public void TimeoutsSuspendTheBodyForTheirDuration()
    {
        var sim = new Simulation();
        var seen = new List<double>();

        sim.Start(Sleeper(sim, seen, 2, 3, 0.5));
        sim.Run();

        Assert.That(seen, Is.EqualTo(new[] { 0.0, 2.0, 5.0, 5.5 }));
    }

    [Test]
    public void StartRunsTheBodyLaterAtTheSameTime()
    {
        var sim = new Simulation();
        var seen = new List<double>();
        sim.Schedule(4, () =>
        {
            sim.Start(Sleeper(sim, seen, 1));
            Assert.That(seen, Is.Empty, "the body must not run inside Start");
        });

        sim.Run();

        Assert.That(seen, Is.EqualTo(new[] { 4.0, 5.0 }));
    }

    [Test]
    public void AProcessCanWaitForAnotherToFinish()
    {
        var sim = new Simulation();
        var seen = new List<double>();
        Process child = sim.Start(Sleeper(sim, [], 7));

        Process parent = sim.Start(WaitFor(sim, child, seen));
        sim.Run();

        Assert.That(seen, Is.EqualTo(new[] { 7.0 }));
        Assert.That(child.IsFinished && parent.IsFinished, Is.True);
        Assert.That(child.IsCancelled, Is.False);
    }

    [Test]
    public void WaitingForAFinishedProcessContinuesAtOnce()
    {
        var sim = new Simulation();
        var seen = new List<double>();
        Process child = sim.Start(Sleeper(sim, [], 1));
        sim.Run();

        sim.Start(WaitFor(sim, child, seen));
        sim.Run(3);

        Assert.That(seen, Is.EqualTo(new[] { 1.0 }));
    }

    [Test]
    public void SeveralWaitersResumeInTheOrderTheyStartedWaiting()
    {
        var sim = new Simulation();
        var order = new List<string>();
        Process child = sim.Start(Sleeper(sim, [], 2));
        sim.Start(Named(child, "first", order));
        sim.Start(Named(child, "second", order));
        sim.Start(Named(child, "third", order));

        sim.Run();

        Assert.That(order, Is.EqualTo(new[] { "first", "second", "third" }));
    }

    [Test]
    public void ACancelledProcessStopsRunsItsFinallyAndReleasesItsWaiters()
    {
        var sim = new Simulation();
        var seen = new List<double>();
        var cleanedUpAt = new List<double>();
        Process victim = sim.Start(Guarded(sim, seen, cleanedUpAt));
        var waiterSaw = new List<double>();
        sim.Start(WaitFor(sim, victim, waiterSaw));
        sim.Schedule(3, victim.Cancel);

        sim.Run();

        Assert.That(seen, Is.EqualTo(new[] { 0.0 }), "the body must not resume after cancel");
        Assert.That(cleanedUpAt, Is.EqualTo(new[] { 3.0 }));
        Assert.That(waiterSaw, Is.EqualTo(new[] { 3.0 }));
        Assert.That(victim.IsCancelled, Is.True);
        Assert.That(sim.Now, Is.EqualTo(10.0), "the abandoned timeout still drains from the timeline");
    }

    [Test]
    public void CancelBeforeStartMeansTheBodyNeverRuns()
    {
        var sim = new Simulation();
        var seen = new List<double>();
        Process never = sim.Start(Sleeper(sim, seen, 1));
        never.Cancel();
        never.Cancel();

        sim.Run();

        Assert.That(seen, Is.Empty);
        Assert.That(never.IsCancelled, Is.True);
    }

    [Test]
    public void CancelAfterFinishingChangesNothing()
    {
        var sim = new Simulation();
        Process done = sim.Start(Sleeper(sim, [], 1));
        sim.Run();

        done.Cancel();

        Assert.That(done.IsFinished, Is.True);
        Assert.That(done.IsCancelled, Is.False);
    }

    [Test]
    public void AProcessCancellingItselfStopsAtItsNextYield()
    {
        var sim = new Simulation();
        var seen = new List<string>();
        Process? self = null;
        self = sim.Start(SelfCancelling(sim, () => self!, seen));

        sim.Run();

        Assert.That(seen, Is.EqualTo(new[] { "before", "after cancel, before yield" }));
        Assert.That(self.IsCancelled, Is.True);
    }

    [Test]
    public void AnyOfEndsWithTheFirstAndNamesIt()
    {
        var sim = new Simulation();
        Process slow = sim.Start(Sleeper(sim, [], 10));
        Delay quick = sim.Timeout(4);
        AnyOf either = sim.AnyOf(slow, quick);
        var seen = new List<double>();
        sim.Start(WaitFor(sim, either, seen));

        sim.Run();

        Assert.That(seen, Is.EqualTo(new[] { 4.0 }));
        Assert.That(either.First, Is.SameAs(quick));
        Assert.That(slow.IsFinished, Is.True, "the loser is left to run");
    }

    [Test]
    public void AnExceptionInABodyPropagatesOutOfRun()
    {
        var sim = new Simulation();
        Process failing = sim.Start(Failing(sim));

        Assert.Throws<InvalidOperationException>(() => sim.Run());
        Assert.That(failing.IsFinished, Is.True);
    }

    private static IEnumerable<Wait> Sleeper(Simulation sim, List<double> seen, params double[] delays)
    {
        seen.Add(sim.Now);
        foreach (double delay in delays)
        {
            yield return sim.Timeout(delay);
            seen.Add(sim.Now);
        }
    }

    private static IEnumerable<Wait> WaitFor(Simulation sim, Wait wait, List<double> seen)
    {
        yield return wait;
        seen.Add(sim.Now);
    }

    private static IEnumerable<Wait> Named(Wait wait, string name, List<string> order)
    {
        yield return wait;
        order.Add(name);
    }

    private static IEnumerable<Wait> Guarded(Simulation sim, List<double> seen, List<double> cleanedUpAt)
    {
        try
        {
            seen.Add(sim.Now);
            yield return sim.Timeout(10);
            seen.Add(sim.Now);
        }
        finally
        {
            cleanedUpAt.Add(sim.Now);
        }
    }

    private static IEnumerable<Wait> SelfCancelling(Simulation sim, Func<Process> self, List<string> seen)
    {
        seen.Add("before");
        self().Cancel();
        seen.Add("after cancel, before yield");
        yield return sim.Timeout(1);
        seen.Add("never");
    }

    private static IEnumerable<Wait> Failing(Simulation sim)
    {
        yield return sim.Timeout(1);
        throw new InvalidOperationException("boom");
    }
}
