using FleetSim.Engine.Kernel;
using NUnit.Framework;

namespace FleetSim.Tests.Engine.Kernel;

public class ResourceTests
{
    [Test]
    public void AFreeSlotIsGrantedAtOnceAndAFullPoolQueues()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 2);

        Request a = pool.Request();
        Request b = pool.Request();
        Request c = pool.Request();

        Assert.That(new[] { a.IsGranted, b.IsGranted, c.IsGranted }, Is.EqualTo(new[] { true, true, false }));
        Assert.That(a.IsDone, Is.True);
        Assert.That(c.State, Is.EqualTo(RequestState.Queued));
        Assert.That((pool.InUse, pool.QueueLength, pool.Capacity), Is.EqualTo((2, 1, 2)));

        pool.Release(a);

        Assert.That(c.IsGranted, Is.True);
        Assert.That(a.State, Is.EqualTo(RequestState.Released));
        Assert.That((pool.InUse, pool.QueueLength), Is.EqualTo((2, 0)));
    }

    [Test]
    public void QueuedRequestsAreGrantedFirstComeFirstServed()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 1);
        var granted = new List<(int Id, double Now)>();
        for (int id = 0; id < 6; id++)
        {
            // Ids 0..2 arrive together at t=0, the rest at t=1, 2, 3 (all while the slot is busy).
            sim.Start(Customer(sim, pool, id, arriveAt: Math.Max(0, id - 2), hold: 10, granted));
        }

        sim.Run();

        Assert.That(granted, Is.EqualTo(new[] { (0, 0.0), (1, 10.0), (2, 20.0), (3, 30.0), (4, 40.0), (5, 50.0) }));
        Assert.That(pool.InUse, Is.Zero);
    }

    [Test]
    public void CapacityIsNeverExceededUnderRandomLoad()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 3);
        var rng = new Random(7);
        var holders = new Holders();
        for (int i = 0; i < 2000; i++)
        {
            sim.Start(RandomCustomer(sim, pool, rng, holders));
        }

        sim.Run();

        Assert.That(holders.Peak, Is.EqualTo(3), "the load must fill the pool, or this test shows nothing");
        Assert.That(holders.Violations, Is.Zero);
        Assert.That((pool.InUse, pool.QueueLength, holders.Served), Is.EqualTo((0, 0, 2000 - holders.GaveUp)));
        Assert.That(holders.GaveUp, Is.GreaterThan(0));
    }

    [Test]
    public void PatienceWithdrawsTheRequestAndTheSlotGoesToTheNextInLine()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 1);
        var granted = new List<(int Id, double Now)>();
        var gaveUp = new List<(int Id, double Now)>();
        sim.Start(Patient(sim, pool, 0, patience: 1, hold: 5, granted, gaveUp));
        sim.Start(Patient(sim, pool, 1, patience: 2, hold: 5, granted, gaveUp));
        sim.Start(Patient(sim, pool, 2, patience: 9, hold: 5, granted, gaveUp));
        var lengths = new List<int>();
        sim.Schedule(1.5, () => lengths.Add(pool.QueueLength));
        sim.Schedule(2.5, () => lengths.Add(pool.QueueLength));

        sim.Run();

        Assert.That(gaveUp, Is.EqualTo(new[] { (1, 2.0) }));
        Assert.That(granted, Is.EqualTo(new[] { (0, 0.0), (2, 5.0) }));
        Assert.That(lengths, Is.EqualTo(new[] { 2, 1 }));
    }

    [Test]
    public void AGrantBeforeThePatienceRunsOutIsKept()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 1);
        Request first = pool.Request();
        Request patient = pool.Request(patience: 3);
        sim.Schedule(1, () => pool.Release(first));

        sim.Run();

        Assert.That(patient.State, Is.EqualTo(RequestState.Granted));
        Assert.That(pool.InUse, Is.EqualTo(1));
    }

    [Test]
    public void AnyOfARequestAndATimeoutThenReleaseLeavesTheQueue()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 1);
        Request blocker = pool.Request();
        var outcome = new List<string>();
        sim.Start(SlotOrTimeout(sim, pool, 2, outcome));
        sim.Schedule(5, () => pool.Release(blocker));

        sim.Run();

        Assert.That(outcome, Is.EqualTo(new[] { "timed out at 2, queue 0" }));
        Assert.That(pool.InUse, Is.Zero, "the withdrawn request must not get the freed slot");
    }

    [Test]
    public void CancellingAQueuedProcessTakesItsRequestOutOfTheQueue()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 1);
        var granted = new List<(int Id, double Now)>();
        sim.Start(Customer(sim, pool, 0, arriveAt: 0, hold: 10, granted));
        Process cancelled = sim.Start(Customer(sim, pool, 1, arriveAt: 1, hold: 10, granted));
        sim.Start(Customer(sim, pool, 2, arriveAt: 2, hold: 10, granted));
        var seen = new List<(int InUse, int Queued)>();
        sim.Schedule(3, () =>
        {
            cancelled.Cancel();
            seen.Add((pool.InUse, pool.QueueLength));
        });

        sim.Run();

        Assert.That(seen, Is.EqualTo(new[] { (1, 1) }));
        Assert.That(granted, Is.EqualTo(new[] { (0, 0.0), (2, 10.0) }));
        Assert.That(pool.InUse, Is.Zero);
    }

    [Test]
    public void CancellingAHolderReleasesItsSlotThroughItsFinally()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 1);
        var granted = new List<(int Id, double Now)>();
        Process holder = sim.Start(Customer(sim, pool, 0, arriveAt: 0, hold: 100, granted));
        sim.Start(Customer(sim, pool, 1, arriveAt: 1, hold: 1, granted));
        sim.Schedule(4, holder.Cancel);

        sim.Run();

        Assert.That(granted, Is.EqualTo(new[] { (0, 0.0), (1, 4.0) }));
        Assert.That(pool.InUse, Is.Zero);
    }

    [Test]
    public void CancellingAProcessWhoseSlotWasGrantedButNotYetHandedOverGivesItBack()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 1);
        Request blocker = pool.Request();
        var granted = new List<(int Id, double Now)>();
        Process unlucky = sim.Start(Customer(sim, pool, 1, arriveAt: 0, hold: 1, granted));
        sim.Start(Customer(sim, pool, 2, arriveAt: 0, hold: 1, granted));
        sim.Schedule(1, () =>
        {
            pool.Release(blocker);
            unlucky.Cancel();
        });

        sim.Run();

        Assert.That(granted, Is.EqualTo(new[] { (2, 1.0) }));
        Assert.That(pool.InUse, Is.Zero);
    }

    [Test]
    public void CancelWithdrawsTheAwaitedRequestEvenWithoutAFinally()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 1);
        var granted = new List<(int Id, double Now)>();
        sim.Start(BareCustomer(sim, pool, 0, hold: 10, granted));
        Process cancelled = sim.Start(BareCustomer(sim, pool, 1, hold: 10, granted));
        sim.Start(BareCustomer(sim, pool, 2, hold: 10, granted));
        var queued = new List<int>();
        sim.Schedule(3, () =>
        {
            queued.Add(pool.QueueLength);
            cancelled.Cancel();
            queued.Add(pool.QueueLength);
        });

        sim.Run();

        Assert.That(queued, Is.EqualTo(new[] { 2, 1 }));
        Assert.That(granted, Is.EqualTo(new[] { (0, 0.0), (2, 10.0) }));
        Assert.That(pool.InUse, Is.Zero);
    }

    [Test]
    public void CancelGivesBackASlotGrantedButNotYetHandedOverEvenWithoutAFinally()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 1);
        Request blocker = pool.Request();
        var granted = new List<(int Id, double Now)>();
        Process unlucky = sim.Start(BareCustomer(sim, pool, 1, hold: 1, granted));
        sim.Start(BareCustomer(sim, pool, 2, hold: 1, granted));
        sim.Schedule(1, () =>
        {
            pool.Release(blocker);
            unlucky.Cancel();
        });

        sim.Run();

        Assert.That(granted, Is.EqualTo(new[] { (2, 1.0) }));
        Assert.That(pool.InUse, Is.Zero);
    }

    [Test]
    public void CancelWhileWaitingOnAnyOfWithdrawsTheRequestInside()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 1);
        Request blocker = pool.Request();
        var outcome = new List<string>();
        Process cancelled = sim.Start(SlotOrTimeout(sim, pool, 100, outcome));
        sim.Schedule(1, cancelled.Cancel);
        sim.Schedule(2, () => pool.Release(blocker));

        sim.Run(50);

        Assert.That(outcome, Is.Empty);
        Assert.That((pool.InUse, pool.QueueLength), Is.EqualTo((0, 0)));
    }

    [Test]
    public void ReleasingTwiceIsHarmlessAndForeignRequestsAreRefused()
    {
        var sim = new Simulation();
        var pool = new Resource(sim, 1);
        var other = new Resource(sim, 1);
        Request a = pool.Request();
        Request queued = pool.Request();

        pool.Release(a);
        pool.Release(a);

        Assert.That((pool.InUse, queued.IsGranted), Is.EqualTo((1, true)));
        Assert.Throws<ArgumentException>(() => other.Release(queued));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Resource(sim, 0));
    }

    private static IEnumerable<Wait> Customer(
        Simulation sim, Resource pool, int id, double arriveAt, double hold, List<(int Id, double Now)> granted)
    {
        yield return sim.Timeout(arriveAt);
        Request slot = pool.Request();
        try
        {
            yield return slot;
            granted.Add((id, sim.Now));
            yield return sim.Timeout(hold);
        }
        finally
        {
            pool.Release(slot);
        }
    }

    private static IEnumerable<Wait> BareCustomer(
        Simulation sim, Resource pool, int id, double hold, List<(int Id, double Now)> granted)
    {
        Request slot = pool.Request();
        yield return slot;
        granted.Add((id, sim.Now));
        yield return sim.Timeout(hold);
        pool.Release(slot);
    }

    private static IEnumerable<Wait> Patient(
        Simulation sim,
        Resource pool,
        int id,
        double patience,
        double hold,
        List<(int Id, double Now)> granted,
        List<(int Id, double Now)> gaveUp)
    {
        Request slot = pool.Request(patience);
        yield return slot;
        if (!slot.IsGranted)
        {
            Assert.That(slot.State, Is.EqualTo(RequestState.Withdrawn));
            gaveUp.Add((id, sim.Now));
            yield break;
        }
        granted.Add((id, sim.Now));
        yield return sim.Timeout(hold);
        pool.Release(slot);
    }

    private static IEnumerable<Wait> SlotOrTimeout(Simulation sim, Resource pool, double patience, List<string> outcome)
    {
        Request slot = pool.Request();
        AnyOf first = sim.AnyOf(slot, sim.Timeout(patience));
        yield return first;
        if (ReferenceEquals(first.First, slot))
        {
            outcome.Add($"granted at {sim.Now}");
            pool.Release(slot);
            yield break;
        }
        pool.Release(slot);
        outcome.Add($"timed out at {sim.Now}, queue {pool.QueueLength}");
    }

    private static IEnumerable<Wait> RandomCustomer(Simulation sim, Resource pool, Random rng, Holders holders)
    {
        yield return sim.Timeout(rng.NextDouble() * 100);
        Request slot = pool.Request(patience: rng.NextDouble() * 2);
        yield return slot;
        if (!slot.IsGranted)
        {
            holders.GaveUp++;
            yield break;
        }
        holders.Enter(pool);
        yield return sim.Timeout(rng.NextDouble() * 0.5);
        holders.Leave();
        pool.Release(slot);
    }

    private sealed class Holders
    {
        private int current;

        public int Peak { get; private set; }

        public int Violations { get; private set; }

        public int Served { get; private set; }

        public int GaveUp { get; set; }

        public void Enter(Resource pool)
        {
            current++;
            Served++;
            Peak = Math.Max(Peak, current);
            if (current > pool.Capacity || pool.InUse > pool.Capacity || pool.InUse < current)
            {
                Violations++;
            }
        }

        public void Leave() => current--;
    }
}
