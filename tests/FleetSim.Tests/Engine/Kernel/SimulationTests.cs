using FleetSim.Engine.Kernel;
using NUnit.Framework;

namespace FleetSim.Tests.Engine.Kernel;

public class SimulationTests
{
    [Test]
    public void EntriesFireInTimeOrderWithTheClockAtTheirTime()
    {
        var sim = new Simulation();
        var fired = new List<(string Name, double Now)>();
        sim.Schedule(3, () => fired.Add(("c", sim.Now)));
        sim.Schedule(1, () => fired.Add(("a", sim.Now)));
        sim.Schedule(2.5, () => fired.Add(("b", sim.Now)));

        sim.Run();

        Assert.That(fired, Is.EqualTo(new[] { ("a", 1.0), ("b", 2.5), ("c", 3.0) }));
        Assert.That(sim.Now, Is.EqualTo(3.0));
    }

    [Test]
    public void EntriesDueAtTheSameTimeFireInSchedulingOrder()
    {
        var sim = new Simulation();
        var fired = new List<int>();
        for (int i = 0; i < 50; i++)
        {
            int id = i;
            // Alternate two routes to the same time so heap order alone would not give FIFO.
            if (i % 2 == 0)
            {
                sim.Schedule(2, () => fired.Add(id));
            }
            else
            {
                sim.Schedule(1, () => sim.Schedule(1, () => fired.Add(id)));
            }
        }

        sim.Run();

        var evens = new List<int>();
        var odds = new List<int>();
        for (int i = 0; i < 50; i++)
        {
            (i % 2 == 0 ? evens : odds).Add(i);
        }
        // Evens were scheduled for t=2 at t=0; odds only at t=1, so they come after all evens, in order.
        Assert.That(fired, Is.EqualTo(evens.Concat(odds)));
    }

    [Test]
    public void ZeroDelayEntriesRunAfterTheEntriesAlreadyDueNow()
    {
        var sim = new Simulation();
        var fired = new List<string>();
        sim.Schedule(1, () =>
        {
            fired.Add("first");
            sim.Schedule(0, () => fired.Add("zero-delay"));
        });
        sim.Schedule(1, () => fired.Add("second"));

        sim.Run();

        Assert.That(fired, Is.EqualTo(new[] { "first", "second", "zero-delay" }));
    }

    [Test]
    public void ACancelledEntryNeverFiresAndIsNotCounted()
    {
        var sim = new Simulation();
        var fired = new List<string>();
        ScheduledAction keep = sim.Schedule(1, () => fired.Add("keep"));
        ScheduledAction drop = sim.Schedule(2, () => fired.Add("drop"));
        sim.Schedule(0.5, drop.Cancel);

        sim.Run();

        Assert.That(fired, Is.EqualTo(new[] { "keep" }));
        Assert.That(drop.IsCancelled, Is.True);
        Assert.That(drop.HasFired, Is.False);
        Assert.That(keep.HasFired, Is.True);
        Assert.That(sim.EventsProcessed, Is.EqualTo(2));
    }

    [Test]
    public void CancellingTwiceOrAfterFiringIsHarmless()
    {
        var sim = new Simulation();
        int runs = 0;
        ScheduledAction twice = sim.Schedule(1, () => runs += 100);
        ScheduledAction done = sim.Schedule(1, () => runs++);
        twice.Cancel();
        twice.Cancel();

        sim.Run();
        done.Cancel();

        Assert.That(runs, Is.EqualTo(1));
        Assert.That(done.HasFired, Is.True);
        Assert.That(done.IsCancelled, Is.False);
    }

    [Test]
    public void RunUntilStopsBeforeUntilAndLeavesTheClockThere()
    {
        var sim = new Simulation();
        var fired = new List<double>();
        foreach (double t in new[] { 1.0, 4.0, 5.0, 7.0 })
        {
            sim.Schedule(t, () => fired.Add(sim.Now));
        }

        sim.Run(5);

        Assert.That(fired, Is.EqualTo(new[] { 1.0, 4.0 }));
        Assert.That(sim.Now, Is.EqualTo(5.0));
        Assert.That(sim.PendingEvents, Is.EqualTo(2));

        sim.Run();

        Assert.That(fired, Is.EqualTo(new[] { 1.0, 4.0, 5.0, 7.0 }));
        Assert.That(sim.Now, Is.EqualTo(7.0));
    }

    [Test]
    public void RunUntilPastTheLastEntryStillAdvancesTheClock()
    {
        var sim = new Simulation();
        sim.Schedule(1, () => { });

        sim.Run(10);

        Assert.That(sim.Now, Is.EqualTo(10.0));
        Assert.That(sim.EventsProcessed, Is.EqualTo(1));
    }

    [Test]
    public void BadTimesAreRejected()
    {
        var sim = new Simulation();
        sim.Run(5);

        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(-1, () => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Timeout(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Timeout(double.PositiveInfinity));
    }

    [Test]
    public void RunCannotBeCalledFromInsideAnEvent()
    {
        var sim = new Simulation();
        sim.Schedule(1, () => sim.Run());

        Assert.Throws<InvalidOperationException>(() => sim.Run());
    }

    [Test]
    public void StepFiresOneEntryDueBeforeTheBoundAndDropsCancelledOnes()
    {
        var sim = new Simulation();
        var fired = new List<string>();
        sim.Schedule(1, () => fired.Add("a"));
        ScheduledAction b = sim.Schedule(2, () => fired.Add("b"));
        sim.Schedule(3, () => fired.Add("c"));
        b.Cancel();

        Assert.Multiple(() =>
        {
            Assert.That(sim.Step(0.5), Is.False, "nothing is due before 0.5");
            Assert.That(sim.Now, Is.EqualTo(0));
            Assert.That(sim.Step(3), Is.True);
            Assert.That(fired, Is.EqualTo(new[] { "a" }));
            Assert.That(sim.Now, Is.EqualTo(1));
            Assert.That(sim.Step(3), Is.True, "the cancelled entry is taken off");
            Assert.That(fired, Is.EqualTo(new[] { "a" }));
            Assert.That(sim.Step(3), Is.False, "an entry due exactly at the bound stays");
            Assert.That(sim.PendingEvents, Is.EqualTo(1));
        });
    }
}
