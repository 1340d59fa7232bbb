using FleetSim.Routing.Requests;

namespace FleetSim.Tests.Routing;

/// <summary>
/// <see cref="WakeUps"/>, the time-ordered heap of replicas to ask again, against a plain list of
/// the wake-ups waiting: each one taken is due and no earlier than any other waiting, none is lost
/// or taken twice, and none is taken before its time. Times on a coarse grid, so many are equal;
/// the heap grows past its first arrays and empties again many times.
/// </summary>
public sealed class WakeUpsTests
{
    [Test]
    public void TakesTheEarliestDueOneEachTime()
    {
        var random = new Random(11);
        var heap = new WakeUps();
        var waiting = new List<(int Replica, double At)>();
        double now = 0;
        int taken = 0;
        for (int step = 0; step < 20_000; step++)
        {
            for (int k = random.Next(0, 3); k > 0; k--)
            {
                double at = now + random.Next(0, 40) * 0.5;
                int replica = random.Next(0, 500);
                heap.Add(replica, at);
                waiting.Add((replica, at));
            }
            now += random.Next(0, 3) * 0.5;
            while (heap.TryTakeDue(now, out int replica))
            {
                double earliest = waiting.Min(w => w.At);
                int at = waiting.FindIndex(w => w.Replica == replica && w.At == earliest);
                Assert.That(earliest, Is.LessThanOrEqualTo(now), $"step {step}: taken before its time");
                Assert.That(at, Is.GreaterThanOrEqualTo(0), $"step {step}: replica {replica} is not among the earliest waiting ({earliest})");
                waiting.RemoveAt(at);
                taken++;
            }
            Assert.That(heap.Count, Is.EqualTo(waiting.Count), $"step {step}");
            Assert.That(waiting.All(w => w.At > now), Is.True, $"step {step}: a due wake-up was left waiting");
        }
        Assert.That(taken, Is.GreaterThan(10_000));
    }
}
