using FleetSim.Routing.Requests;

namespace FleetSim.Tests.Routing;

/// <summary>The per-minute slot record from interval ends alone, against each interval's overlap with each minute.</summary>
public sealed class InFlightRecorderTests
{
    [Test]
    public void MeanSlotsPerMinuteEqualTheOverlapOfEveryInterval()
    {
        const int minutes = 30;
        var random = new Random(7);
        var recorder = new InFlightRecorder(minutes);
        var expected = new double[minutes];
        for (int k = 0; k < 2_000; k++)
        {
            double start = random.NextDouble() * 1900 - 50;           // some start before 0 or after the end
            double end = start + random.NextDouble() * random.NextDouble() * 400;
            recorder.Hold(start, end);
            for (int m = 0; m < minutes; m++)
            {
                double overlap = Math.Min(end, (m + 1) * 60.0) - Math.Max(Math.Max(start, 0), m * 60.0);
                expected[m] += Math.Max(0, overlap) / 60.0;
            }
        }
        recorder.Hold(120, 120);                                       // empty: nothing
        recorder.Hold(180, 240);                                       // exactly one whole minute
        expected[3] += 1;
        Assert.That(recorder.MeanPerMinute(), Is.EqualTo(expected).Within(1e-9));
    }
}
