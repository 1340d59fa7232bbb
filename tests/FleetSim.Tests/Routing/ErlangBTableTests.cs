using FleetSim.Kernels;
using FleetSim.Routing;

namespace FleetSim.Tests.Routing;

/// <summary>The interpolated Erlang B the spill kernel uses from 16 to 4,096 slots, against the series.</summary>
public class ErlangBTableTests
{
    [TestCase(16)]
    [TestCase(17)]
    [TestCase(32)]
    [TestCase(80)]
    [TestCase(333)]
    [TestCase(1_024)]
    [TestCase(4_096)]
    public void WithinOneInATrillionOfTheSeriesAcrossItsRange(int slots)
    {
        ErlangBTable table = ErlangBTable.For(slots)!;
        var random = new Random(slots);
        double worst = 0, worstAt = 0;
        for (int i = 0; i < 20_000; i++)
        {
            double a = random.NextDouble() * (table.MaxErlangs + 20);
            double error = Math.Abs(table.Loss(a) - ErlangB.Loss(slots, a));
            if (error > worst)
            {
                (worst, worstAt) = (error, a);
            }
        }
        Assert.That(worst, Is.LessThan(1e-12), $"worst at A = {worstAt}");
    }

    [Test]
    public void ExactAtTheNodesAndZeroWithNoLoad()
    {
        ErlangBTable table = ErlangBTable.For(32)!;
        double step = Math.Sqrt(32) / 20;
        Assert.Multiple(() =>
        {
            Assert.That(table.Loss(0), Is.EqualTo(0));
            for (int i = 1; i < 200; i += 7)
            {
                Assert.That(table.Loss(i * step), Is.EqualTo(ErlangB.Loss(32, i * step)).Within(1e-15));
            }
        });
    }

    [Test]
    public void OnlyMidSizedFleetsGetATable()
    {
        ErlangBTable? first = ErlangBTable.For(64);
        Assert.Multiple(() =>
        {
            Assert.That(ErlangBTable.For(ErlangBTable.MinSlots - 1), Is.Null);
            Assert.That(ErlangBTable.For(ErlangBTable.MaxSlots + 1), Is.Null);
            Assert.That(ErlangBTable.For(64), Is.SameAs(first), "one table per slot count, shared");
        });
    }

    [TestCase(4)]
    [TestCase(5)]
    [TestCase(4_099)]
    public void FourMinutesAtATimeGiveTheSameBitsAsOneAtATime(int minutes)
    {
        // Loads from idle to past the table's end, so some groups of four fall back to the series.
        ErlangBTable table = ErlangBTable.For(48)!;
        const double k = 8 / 26_600.0;
        var random = new Random(minutes);
        double[] demand = [.. Enumerable.Range(0, minutes).Select(_ => random.NextDouble() * (table.MaxErlangs * 1.2) / k)];
        var served = new double[minutes];
        double sum = table.Serve(demand, k, served);
        double capacity = 48 / k;
        var partial = new double[4];
        for (int m = 0; m < minutes; m++)
        {
            double want = Math.Min(demand[m] - demand[m] * table.Loss(demand[m] * k), capacity);
            Assert.That(served[m], Is.EqualTo(want), $"minute {m}");
            partial[m < minutes - minutes % 4 ? m % 4 : 0] += want;
        }
        Assert.That(sum, Is.EqualTo((partial[0] + partial[1]) + (partial[2] + partial[3])));
    }

    [Test]
    public void TheSpillKernelAgreesWithTheSeriesKernel()
    {
        const double k = 8 / 26_600.0;
        var random = new Random(3);
        double[] demand = [.. Enumerable.Range(0, 43_800).Select(_ => 40 / k * (0.3 + random.NextDouble()))];
        var byTable = new double[demand.Length];
        var bySeries = new double[demand.Length];
        double table = MinuteKernels.Spill(demand, 40, k, byTable);
        double series = MinuteKernels.SpillBySeries(demand, 40, k, bySeries);
        Assert.That(table, Is.EqualTo(series).Within(1e-10).Percent);
    }
}
