using FleetSim.Routing.Requests;

namespace FleetSim.Tests.Routing;

/// <summary>
/// <see cref="FleetSlots"/>, every replica's slots in one table, against a plain list of each
/// replica's request ends: requests join replicas in turn (some finding a free slot, some waiting),
/// and each replica's start times, in-flight counts and earliest free time must be those of a FIFO
/// pool of its own, whatever the other replicas do. Vector rows (c a multiple of 4), scalar rows and
/// heap pools (c &gt; 64) alike; and a replica's <see cref="ServerBank"/> view sees what the table does.
/// </summary>
public sealed class FleetSlotsTests
{
    [TestCase(1, 1)]
    [TestCase(5, 8)]
    [TestCase(7, 6)]
    [TestCase(3, 100)]
    public void EachRowIsAFifoPoolOfItsOwn(int replicas, int servers)
    {
        var random = new Random(replicas * 1000 + servers);
        var table = new FleetSlots(replicas, servers);
        var ends = Enumerable.Range(0, replicas).Select(_ => new List<double>()).ToArray();
        double t = 0;
        for (int k = 0; k < 4_000; k++)
        {
            t += -Math.Log(1 - random.NextDouble()) / (replicas * servers * 1.1);
            int r = random.Next(replicas);
            double service = -Math.Log(1 - random.NextDouble());
            // FIFO by hand: with fewer than c requests ending after t, a slot is free now; otherwise the
            // request starts when the c-th latest end comes (the earliest of the c latest).
            double[] latest = [.. ends[r].OrderByDescending(e => e).Take(servers)];
            double start = latest.Length < servers || latest.Min() <= t ? t : latest.Min();
            Assert.That(table.StartOf(r, t), Is.EqualTo(start), $"request {k}, replica {r}: start");
            Assert.That(table.HasFree(r, t), Is.EqualTo(start == t), $"request {k}, replica {r}: free slot");
            Assert.That(table.Busy(r, t), Is.EqualTo(Math.Min(servers, ends[r].Count(e => e > t))), $"request {k}, replica {r}: busy");
            int expected = ends[r].Count(e => e > start) + 1;
            int counted = table.HoldCounting(r, t, start + service, start);
            if (counted != expected)
            {
                Assert.Fail($"request {k}, replica {r}: {counted} in flight, a plain count gives {expected}");
            }
            ends[r].Add(start + service);
        }
    }

    [Test]
    public void AViewAndTheTableAreOnePool()
    {
        var table = new FleetSlots(3, 4);
        ServerBank view = table.Pool(1);
        Assert.Multiple(() =>
        {
            Assert.That(view.Servers, Is.EqualTo(4));
            Assert.That(view.HoldCounting(0, 10, 0), Is.EqualTo(1));
            table.Hold(1, 1, 20);
            Assert.That(table.HoldCounting(1, 2, 5, 2), Is.EqualTo(3));
            Assert.That(view.HoldCounting(3, 30, 3), Is.EqualTo(4));
            // All four busy (until 5, 10, 20, 30): the one until 5 frees first, seen through either.
            Assert.That(table.NextFree(1), Is.EqualTo(5));
            Assert.That(view.NextFree, Is.EqualTo(5));
            Assert.That(view.Busy(4), Is.EqualTo(4));
            Assert.That(table.BusyAt(1, 15), Is.EqualTo(2));
            // The other replicas are untouched.
            Assert.That(table.NextFree(0), Is.EqualTo(double.NegativeInfinity));
            Assert.That(table.Busy(2, 4), Is.EqualTo(0));
        });
    }
}
