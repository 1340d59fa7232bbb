using FleetSim.Fleet;
using FleetSim.Pricing;

namespace FleetSim.Tests.Fleet;

public class LeaseLineTests
{
    private static NodeLease Lease(double ready) => new(NodeKind.OnDemand, 0, ready);

    [Test]
    public void KeepsMinuteOrderAndEqualsInTheOrderTheyJoined()
    {
        var line = new LeaseLine();
        NodeLease a = Lease(5), b = Lease(3), c = Lease(5), d = Lease(1), e = Lease(9);
        line.Add(a, 5);
        line.Add(b, 3);
        line.Add(c, 5);
        line.Add(d, 1);
        line.Add(e, 9);
        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(0, line.Count).Select(i => line[i].Lease), Is.EqualTo(new[] { d, b, a, c, e }));
            Assert.That(line.First.Lease, Is.SameAs(d));
            Assert.That(line.Last.Lease, Is.SameAs(e));
        });
        Assert.Multiple(() =>
        {
            Assert.That(line.RemoveFirst(), Is.SameAs(d));
            Assert.That(line.RemoveLast(), Is.SameAs(e));
            Assert.That(line.RemoveLast(), Is.SameAs(c), "of two at the same minute, the later to join is last");
            Assert.That(line.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void BehavesAsASortedListThroughThousandsOfMixedOperations()
    {
        var random = new Random(7);
        var line = new LeaseLine();
        var reference = new List<(NodeLease Lease, double Minute)>();
        for (int step = 0; step < 20_000; step++)
        {
            int what = random.Next(4);
            if (what <= 1 || reference.Count == 0)
            {
                double minute = random.Next(0, 50) + (what == 0 ? 1000 : 0);
                NodeLease lease = Lease(minute);
                line.Add(lease, minute);
                int at = reference.Count;
                while (at > 0 && reference[at - 1].Minute > minute)
                {
                    at--;
                }
                reference.Insert(at, (lease, minute));
            }
            else if (what == 2)
            {
                Assert.That(line.RemoveFirst(), Is.SameAs(reference[0].Lease));
                reference.RemoveAt(0);
            }
            else
            {
                Assert.That(line.RemoveLast(), Is.SameAs(reference[^1].Lease));
                reference.RemoveAt(reference.Count - 1);
            }
            Assert.That(line.Count, Is.EqualTo(reference.Count));
        }
        Assert.That(Enumerable.Range(0, line.Count).Select(i => line[i].Lease), Is.EqualTo(reference.Select(r => r.Lease)));
    }

    [Test]
    public void AnEmptyLineSaysSo()
    {
        var line = new LeaseLine();
        Assert.Multiple(() =>
        {
            Assert.That(() => line.RemoveFirst(), Throws.InvalidOperationException);
            Assert.That(() => line.Last, Throws.InvalidOperationException);
            Assert.That(() => line[0], Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }
}
