using FleetSim.Routing.Requests;

namespace FleetSim.Tests.Routing;

/// <summary>
/// The FIFO server pool against a plain event-by-event count: for random arrivals and service
/// times, every request's start, and the servers busy at each arrival, as both the flat (≤ 64
/// servers) and the heap layout (more, and unlimited) keep them.
/// </summary>
public sealed class ServerBankTests
{
    [TestCase(1)]
    [TestCase(8)]
    [TestCase(64)]
    [TestCase(65)]
    [TestCase(300)]
    public void StartsAndBusyCountsMatchAPlainSimulation(int servers)
    {
        var random = new Random(servers);
        var bank = new ServerBank(servers);
        var ends = new List<double>();          // departure times of requests started so far
        double t = 0;
        double load = servers * 1.1;            // over capacity: queues form and drain
        for (int k = 0; k < 2_000; k++)
        {
            t += -Math.Log(1 - random.NextDouble()) / load;
            double service = -Math.Log(1 - random.NextDouble());
            // Plain: the k-th request starts when it arrives if fewer than c requests are unfinished
            // at t among those ahead of it, else when the (n − c + 1)-th latest-ending of them ends.
            int busyNow = ends.Count(e => e > t);
            double expectedStart = t;
            if (ends.Count >= servers)
            {
                // The c servers hold the c latest departures among those ahead; the earliest of those frees first.
                double[] latest = [.. ends.OrderByDescending(e => e).Take(servers)];
                expectedStart = Math.Max(t, latest.Min());
            }
            Assert.Multiple(() =>
            {
                Assert.That(bank.Busy(t), Is.EqualTo(Math.Min(busyNow, servers)), $"busy at request {k}");
                Assert.That(bank.StartOf(t), Is.EqualTo(expectedStart).Within(1e-9), $"start of request {k}");
            });
            bank.Hold(t, expectedStart + service);
            ends.Add(expectedStart + service);
            if (ends.Count > 4 * servers + 50)
            {
                ends.RemoveAll(e => e <= t); // long gone: cannot matter to later arrivals
            }
        }
    }

    [Test]
    public void AnUnlimitedPoolStartsEveryRequestAtOnce()
    {
        var bank = new ServerBank(ServerBank.Unlimited);
        for (int k = 0; k < 1000; k++)
        {
            Assert.That(bank.StartOf(k * 0.01), Is.EqualTo(k * 0.01));
            bank.Hold(k * 0.01, k * 0.01 + 5);
        }
        Assert.That(bank.Busy(9.99), Is.EqualTo(500));
    }
}
