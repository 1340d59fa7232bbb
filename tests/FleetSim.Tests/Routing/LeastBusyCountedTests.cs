using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Tests.Routing;

/// <summary>
/// least-busy when the load is counted from the holds the router reports
/// (<see cref="IReplicaState.LoadCountsHolds"/>), and the wake-up queue that counts them down
/// (<see cref="DueWakeUps"/>). Expected values come from a look at every request held, kept here.
/// </summary>
public class LeastBusyCountedTests
{
    /// <summary>A fleet of replicas with <c>Capacity</c> slots each whose load is the requests held and not yet ended.</summary>
    private readonly record struct Held(int Capacity) : IReplicaState
    {
        public static bool LoadCountsHolds => true;

        // Never asked for a load: the set counts it. Every replica starts idle, so eligible.
        public bool Eligible(int replica, double now) => true;

        public int Load(int replica, double now) => 0;

        public bool EligibleAtLoad(int replica, int load) => load < Capacity;
    }

    [Test]
    public void TiesGoToTheLowestIndexAndAnEndedRequestFreesItsPlace()
    {
        // 20 replicas (above the scan limit), 2 slots each. Twenty picks at t = 0…19 fill one slot
        // on each in index order; the next pick (t = 20) goes back to replica 0. Replica 7's first
        // request ends at 25 and every other one later, so at 26 replica 7 alone is at load 0.
        var kept = new EligibleReplicas<Held>(new Held(2), ReplicaChoice.LeastBusy, 20, null, new Random(1));
        for (int i = 0; i < 20; i++)
        {
            Assert.That(kept.Pick(i), Is.EqualTo(i));
            kept.Held(i, i, i == 7 ? 25 : 100 + i);
        }
        Assert.That(kept.Pick(20), Is.EqualTo(0));
        Assert.That(kept.Held(0, 20, 200), Is.EqualTo(2), "its first request (until 100) and this one"); // replica 0 is now full
        Assert.Multiple(() =>
        {
            Assert.That(kept.Pick(24), Is.EqualTo(1));
            Assert.That(kept.Pick(25), Is.EqualTo(7), "the end at 25 counts at a pick at 25");
            Assert.That(kept.Count(25), Is.EqualTo(19), "replica 0, full, is not eligible");
        });
        // By 150 every request has ended but replica 0's second (until 200): it is back at load 1.
        Assert.Multiple(() =>
        {
            Assert.That(kept.Count(150), Is.EqualTo(20));
            Assert.That(kept.Pick(150), Is.EqualTo(1));
        });
    }

    [Test]
    public void CountedLeastBusyPicksWhatALookAtEveryRequestPicks()
    {
        const int n = 20, capacity = 2, picks = 20_000; // about as many requests in flight as slots
        var rng = new Random(7);
        var kept = new EligibleReplicas<Held>(new Held(capacity), ReplicaChoice.LeastBusy, n, null, new Random(1));
        var ends = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
        double now = 0;
        int full = 0;
        for (int i = 0; i < picks; i++)
        {
            // Gaps and lengths on a coarse grid, so ends often fall exactly on a pick and on each other.
            now += rng.Next(0, 3) * 0.25;
            int expected = -1, best = int.MaxValue;
            bool someFull = false;
            for (int r = 0; r < n; r++)
            {
                int load = ends[r].Count(e => e > now);
                someFull |= load == capacity;
                if (load < capacity && load < best)
                {
                    (expected, best) = (r, load);
                }
            }
            int picked = kept.Pick(now);
            Assert.That(picked, Is.EqualTo(expected), $"pick {i} at {now}");
            full += someFull ? 1 : 0;
            if (picked >= 0)
            {
                double until = now + rng.Next(0, 40) * 0.25; // 0 holds nothing
                int inFlight = ends[picked].Count(e => e > now) + 1; // those still running, and this one
                ends[picked].Add(until);
                Assert.That(kept.Held(picked, now, until), Is.EqualTo(inFlight), $"in flight after pick {i}");
            }
        }
        Assert.That(full, Is.GreaterThan(100), "some replica was full at many picks, so replicas left the set and rejoined it");
    }

    [Test]
    public void DueWakeUpsHandsBackExactlyThoseWhoseTimeHasCome()
    {
        var rng = new Random(3);
        var queue = new DueWakeUps();
        var waiting = new List<(int Replica, double At)>();
        double now = -50;
        for (int step = 0; step < 5_000; step++)
        {
            for (int k = rng.Next(0, 4); k > 0; k--)
            {
                // Some in the past, some at now exactly, some far ahead, some never.
                double at = rng.Next(0, 10) switch
                {
                    0 => now - rng.NextDouble(),
                    1 => now,
                    2 => double.PositiveInfinity,
                    3 => now + 1e6 * rng.NextDouble(),
                    _ => now + 10 * rng.NextDouble(),
                };
                int replica = rng.Next(0, 1_000);
                queue.Add(replica, at);
                waiting.Add((replica, at));
            }
            now += rng.Next(0, 4) == 0 ? 0 : 2 * rng.NextDouble();
            var due = new List<int>();
            while (queue.TryTakeDue(now, out int replica))
            {
                due.Add(replica);
            }
            // The last moment asked about only moves forward, and everything at or before it is due.
            var expected = waiting.Where(w => w.At <= now).Select(w => w.Replica).ToList();
            waiting.RemoveAll(w => w.At <= now);
            Assert.That(due, Is.EquivalentTo(expected), $"step {step} at {now}");
            Assert.That(queue.Count, Is.EqualTo(waiting.Count));
        }
    }
}
