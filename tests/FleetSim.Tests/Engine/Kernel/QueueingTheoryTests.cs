using FleetSim.Engine.Kernel;
using NUnit.Framework;

namespace FleetSim.Tests.Engine.Kernel;

/// <summary>The kernel against closed-form queueing results, with fixed seeds.</summary>
public class QueueingTheoryTests
{
    [Test]
    public void ErlangBRecursionAgreesWithTheClosedForm()
    {
        // B(c, A) = (A^c / c!) / Σ_{k=0..c} A^k / k!; for c = 8, A = 4 that is 0.0304201.
        double term = 1, sum = 1;
        for (int k = 1; k <= 8; k++)
        {
            term *= 4.0 / k;
            sum += term;
        }
        Assert.That(ErlangB(8, 4), Is.EqualTo(term / sum).Within(1e-12));
        Assert.That(ErlangB(8, 4), Is.EqualTo(0.0304201).Within(1e-7));
    }

    [Test]
    public void LossSystemBlockingMatchesErlangB()
    {
        const int slots = 8;
        const double erlangs = 4, serviceRate = 1, arrivalRate = erlangs * serviceRate;
        const int arrivals = 200_000;
        var sim = new Simulation();
        var pool = new Resource(sim, slots);
        var rng = new Random(20240611);
        var tally = new LossTally();

        sim.Start(LossArrivals(sim, pool, rng, arrivals, arrivalRate, serviceRate, tally));
        sim.Run();

        double expected = ErlangB(slots, erlangs);
        double observed = (double)tally.Blocked / tally.Arrived;
        double standardError = Math.Sqrt(expected * (1 - expected) / tally.Arrived);
        TestContext.Out.WriteLine($"blocking {observed:F6} vs Erlang B {expected:F6} (SE {standardError:F6}); {sim.EventsProcessed} events");
        Assert.That(tally.Arrived, Is.EqualTo(arrivals));
        Assert.That(observed, Is.EqualTo(expected).Within(3 * standardError));
        Assert.That(pool.InUse, Is.Zero);
    }

    [Test]
    public void QueueMeanWaitMatchesErlangC()
    {
        const int servers = 4;
        const double erlangs = 3, serviceRate = 1, arrivalRate = erlangs * serviceRate;
        const int customers = 400_000, warmUp = 10_000;
        var sim = new Simulation();
        var pool = new Resource(sim, servers);
        var rng = new Random(987654321);
        var waits = new WaitTally(warmUp);

        sim.Start(QueueArrivals(sim, pool, rng, customers, arrivalRate, serviceRate, waits));
        sim.Run();

        double b = ErlangB(servers, erlangs);
        double rho = erlangs / servers;
        double erlangC = b / (1 - rho * (1 - b));
        double expected = erlangC / (servers * serviceRate - arrivalRate);
        double observed = waits.Mean;
        TestContext.Out.WriteLine($"mean wait {observed:F5} vs Erlang C {expected:F5}; {waits.Count} customers measured");
        Assert.That(waits.Count, Is.EqualTo(customers - warmUp));
        Assert.That(observed, Is.EqualTo(expected).Within(5).Percent);
    }

    /// <summary>B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)).</summary>
    private static double ErlangB(int slots, double erlangs)
    {
        double b = 1;
        for (int n = 1; n <= slots; n++)
        {
            b = erlangs * b / (n + erlangs * b);
        }
        return b;
    }

    private static double Exponential(Random rng, double rate) => -Math.Log(1 - rng.NextDouble()) / rate;

    private static IEnumerable<Wait> LossArrivals(
        Simulation sim, Resource pool, Random rng, int count, double arrivalRate, double serviceRate, LossTally tally)
    {
        for (int i = 0; i < count; i++)
        {
            yield return sim.Timeout(Exponential(rng, arrivalRate));
            tally.Arrived++;
            if (pool.InUse == pool.Capacity)
            {
                tally.Blocked++;
                continue;
            }
            sim.Start(Hold(sim, pool.Request(), Exponential(rng, serviceRate)));
        }
    }

    private static IEnumerable<Wait> Hold(Simulation sim, Request slot, double service)
    {
        yield return slot;
        yield return sim.Timeout(service);
        slot.Resource.Release(slot);
    }

    private static IEnumerable<Wait> QueueArrivals(
        Simulation sim, Resource pool, Random rng, int count, double arrivalRate, double serviceRate, WaitTally waits)
    {
        for (int i = 0; i < count; i++)
        {
            yield return sim.Timeout(Exponential(rng, arrivalRate));
            sim.Start(QueueCustomer(sim, pool, Exponential(rng, serviceRate), waits));
        }
    }

    private static IEnumerable<Wait> QueueCustomer(Simulation sim, Resource pool, double service, WaitTally waits)
    {
        double arrived = sim.Now;
        Request slot = pool.Request();
        yield return slot;
        waits.Add(sim.Now - arrived);
        yield return sim.Timeout(service);
        pool.Release(slot);
    }

    private sealed class LossTally
    {
        public int Arrived { get; set; }

        public int Blocked { get; set; }
    }

    private sealed class WaitTally(int skip)
    {
        private int seen;
        private double sum;

        public int Count { get; private set; }

        public double Mean => sum / Count;

        public void Add(double wait)
        {
            if (seen++ < skip)
            {
                return;
            }
            sum += wait;
            Count++;
        }
    }
}
