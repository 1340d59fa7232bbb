using FleetSim.Engine.Requests;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>
/// The deferrable backlog against a plain reference written here: at every instant the held requests sorted by
/// deadline, the first min(k, H) running, k = slots − interactive requests in service; time stepped from event to
/// event with every running request advanced. Random small cases of one to three classes, one to four slots,
/// interactive intervals reported at or before their start (spill and queue alike).
/// </summary>
public class DeferrableBacklogReferenceTests
{
    private sealed record Held(int Class, int Seq, double Deadline)
    {
        public double Remaining { get; set; }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    public void TheBacklogServesWhatThePlainReferenceServes(int seed)
    {
        var random = new Random(seed);
        int classes = 1 + random.Next(3), slots = 1 + random.Next(4);
        double end = 2_000;
        double[] windows = [.. Enumerable.Range(0, classes).Select(_ => 20 + 400 * random.NextDouble())];
        var arrivals = Enumerable.Range(0, 60).Select(_ => (At: end * random.NextDouble(), Class: random.Next(classes), Tokens: 1 + 80 * random.NextDouble()))
                                 .OrderBy(a => a.At).ToList();
        var intervals = Enumerable.Range(0, 80).Select(_ =>
        {
            double reported = end * random.NextDouble();
            double start = reported + (random.NextDouble() < 0.5 ? 0 : 30 * random.NextDouble());
            return (Reported: reported, Start: start, End: start + 1 + 60 * random.NextDouble());
        }).OrderBy(i => i.Reported).ToList();

        // The backlog, fed in report order as the engine feeds it.
        var backlog = new DeferrableBacklog(windows, slots, secondsPerToken: 1);
        int a = 0, h = 0;
        while (a < arrivals.Count || h < intervals.Count)
        {
            if (h >= intervals.Count || (a < arrivals.Count && arrivals[a].At <= intervals[h].Reported))
            {
                backlog.Arrive(arrivals[a].At, arrivals[a].Class, arrivals[a].Tokens);
                a++;
            }
            else
            {
                backlog.AdvanceTo(intervals[h].Reported);
                backlog.Held(intervals[h].Start, intervals[h].End);
                h++;
            }
        }
        backlog.Finish(end);

        // The reference.
        var served = new double[classes];
        var batch = new double[classes];
        var atEnd = new double[classes];
        var held = new List<Held>();
        double t = 0;
        int next = 0, seq = 0;
        while (true)
        {
            int busy = intervals.Count(i => i.Start <= t && t < i.End);
            int k = Math.Max(0, slots - busy);
            List<Held> running = [.. held.OrderBy(x => x.Deadline).ThenBy(x => x.Class).ThenBy(x => x.Seq).Take(k)];
            double step = end;
            if (next < arrivals.Count)
            {
                step = Math.Min(step, arrivals[next].At);
            }
            foreach (var i in intervals)
            {
                step = Math.Min(step, i.Start > t ? i.Start : i.End > t ? i.End : step);
            }
            foreach (Held x in running)
            {
                step = Math.Min(step, t + x.Remaining);
            }
            foreach (Held x in held)
            {
                step = Math.Min(step, x.Deadline);
            }
            foreach (Held x in running)
            {
                double done = Math.Min(x.Remaining, step - t);
                served[x.Class] += done;
                x.Remaining -= done;
            }
            t = step;
            held.RemoveAll(x => x.Remaining <= 1e-9);
            foreach (Held x in held.Where(x => x.Deadline <= t).ToList())
            {
                batch[x.Class] += x.Remaining;
                held.Remove(x);
            }
            if (t >= end)
            {
                foreach (Held x in held)
                {
                    atEnd[x.Class] += x.Remaining;
                }
                break;
            }
            while (next < arrivals.Count && arrivals[next].At <= t)
            {
                var (at, c, tokens) = arrivals[next++];
                held.Add(new Held(c, seq++, at + windows[c]) { Remaining = tokens });
            }
        }

        TestContext.Out.WriteLine($"{classes} classes, {slots} slots: served {served.Sum():F1}, batch {batch.Sum():F1} at deadlines and {atEnd.Sum():F1} at the end; " +
                                  $"{backlog.Preemptions} preemptions, {backlog.Expired} deadlines reached");
        Assert.Multiple(() =>
        {
            for (int c = 0; c < classes; c++)
            {
                Assert.That(backlog.Served[c], Is.EqualTo(served[c]).Within(1e-6), $"class {c}: served");
                Assert.That(backlog.BatchAtDeadline[c], Is.EqualTo(batch[c]).Within(1e-6), $"class {c}: batch at deadline");
                Assert.That(backlog.BatchAtHorizonEnd[c], Is.EqualTo(atEnd[c]).Within(1e-6), $"class {c}: held at the end");
            }
            Assert.That(backlog.LateTokens, Is.Zero);
        });
    }
}
