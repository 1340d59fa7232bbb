using FleetSim.Routing.Requests;
using FleetSim.Engine.Requests;
using FleetSim.Scenario;

namespace FleetSim.Tests.Engine.Requests;

public class ReplicaPickerTests
{
    private readonly record struct Fleet(bool[] Eligibility, int[] Loads) : IReplicaView
    {
        public bool Eligible(int replica) => Eligibility[replica];

        public int Load(int replica) => Loads[replica];
    }

    private static int Pick(ReplicaPicker picker, Fleet f) => picker.Pick(f);

    [Test]
    public void LeastBusyTakesTheSmallestLoadAndTheFirstOnATie()
    {
        var picker = new ReplicaPicker(ReplicaChoice.LeastBusy, 4, null, new Random(1));
        Assert.Multiple(() =>
        {
            Assert.That(Pick(picker, new([true, true, true, true], [3, 1, 2, 1])), Is.EqualTo(1));
            Assert.That(Pick(picker, new([true, false, true, true], [3, 1, 2, 1])), Is.EqualTo(3));
            Assert.That(Pick(picker, new([true, true, true, true], [0, 0, 0, 0])), Is.EqualTo(0));
            Assert.That(Pick(picker, new([false, false, false, false], [0, 0, 0, 0])), Is.EqualTo(-1));
        });
    }

    [Test]
    public void SimpleShuffleDrawsInProportionToWeightAmongTheEligible()
    {
        var picker = new ReplicaPicker(ReplicaChoice.SimpleShuffle, 4, [1, 2, 3, 4], new Random(2));
        var fleet = new Fleet([true, true, false, true], [0, 0, 0, 0]);
        var counts = new int[4];
        const int draws = 70_000;
        for (int i = 0; i < draws; i++)
        {
            counts[Pick(picker, fleet)]++;
        }
        // Eligible weights 1, 2 and 4 of 7; binomial SE of a share ≤ √(0.25/70000) ≈ 0.0019.
        Assert.Multiple(() =>
        {
            Assert.That(counts[2], Is.Zero);
            Assert.That(counts[0] / (double)draws, Is.EqualTo(1 / 7.0).Within(0.006));
            Assert.That(counts[1] / (double)draws, Is.EqualTo(2 / 7.0).Within(0.006));
            Assert.That(counts[3] / (double)draws, Is.EqualTo(4 / 7.0).Within(0.006));
            Assert.That(Pick(picker, new([false, false, false, false], [0, 0, 0, 0])), Is.EqualTo(-1));
        });
    }
}
