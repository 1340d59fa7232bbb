using FleetSim.Routing.Requests;

namespace FleetSim.Tests.Routing;

/// <summary>
/// <see cref="ServerBank.HoldCounting"/> and <see cref="ServerBank.NextFree"/> against a plain
/// count of the departures of the requests held so far, in both layouts (flat up to 64 servers,
/// a heap beyond), with arrivals that sometimes find a free server and sometimes wait.
/// </summary>
public sealed class ServerBankCountingTests
{
    [Test]
    public void FourServersByHand()
    {
        var bank = new ServerBank(4);
        Assert.Multiple(() =>
        {
            Assert.That(bank.NextFree, Is.EqualTo(double.NegativeInfinity));
            Assert.That(bank.HoldCounting(0, 10, 0), Is.EqualTo(1));   // alone
            Assert.That(bank.HoldCounting(1, 20, 1), Is.EqualTo(2));   // with the one until 10
            Assert.That(bank.HoldCounting(2, 5, 2), Is.EqualTo(3));
            Assert.That(bank.NextFree, Is.EqualTo(double.NegativeInfinity)); // one server still idle
            Assert.That(bank.HoldCounting(3, 30, 3), Is.EqualTo(4));
            Assert.That(bank.NextFree, Is.EqualTo(5));                  // all busy; the one until 5 frees first
            // At 4 the next request waits for 5; at 5 the ones until 10, 20 and 30 are still running.
            Assert.That(bank.StartOf(4), Is.EqualTo(5));
            Assert.That(bank.HoldCounting(4, 8, 5), Is.EqualTo(4));
            Assert.That(bank.NextFree, Is.EqualTo(8));
        });
    }

    [TestCase(8)]
    [TestCase(64)]
    [TestCase(100)]
    public void InFlightCountsMatchAPlainCount(int servers)
    {
        var random = new Random(servers);
        var bank = new ServerBank(servers);
        var ends = new List<double>();
        double t = 0;
        for (int k = 0; k < 3_000; k++)
        {
            t += -Math.Log(1 - random.NextDouble()) / (servers * 1.1);
            double service = -Math.Log(1 - random.NextDouble());
            double start = bank.StartOf(t);
            // The requests in service when this one starts: those held so far that end after its start, and itself.
            int expected = ends.Count(e => e > start) + 1;
            int counted = bank.HoldCounting(t, start + service, start);
            if (counted != expected)
            {
                Assert.Fail($"request {k}: {counted} in flight, a plain count gives {expected}");
            }
            ends.Add(start + service);
            // Free from the earliest end among the c latest-ending holds, or at once with a server idle
            // (a pool may then say so with any time not after t).
            double[] latest = [.. ends.OrderByDescending(e => e).Take(servers)];
            double nextFree = latest.Length < servers ? double.NegativeInfinity : latest.Min();
            if (nextFree > t)
            {
                Assert.That(bank.NextFree, Is.EqualTo(nextFree), $"after request {k}");
            }
            else
            {
                Assert.That(bank.NextFree, Is.LessThanOrEqualTo(t), $"after request {k}");
            }
        }
    }
}
