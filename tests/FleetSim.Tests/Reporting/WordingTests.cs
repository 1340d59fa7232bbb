using FleetSim.Units;
using static FleetSim.Tests.Hostile.CliRun;

namespace FleetSim.Tests.Reporting;

/// <summary>Counts are written with the noun's number ("1 replica", "0 slots"), never "1 replicas" or "all 0 slots busy" (issue 19, wording).</summary>
public class WordingTests
{
    [TestCase(0, "replica", "0 replicas")]
    [TestCase(1, "replica", "1 replica")]
    [TestCase(2, "GPU", "2 GPUs")]
    [TestCase(12500, "replica", "12,500 replicas")]
    public void ACountTakesTheNounsNumber(long n, string noun, string expected) =>
        Assert.That(Quantity.Count(n, noun), Is.EqualTo(expected));

    [Test]
    public void AOneGpuFleetReadsInTheSingular()
    {
        var (code, output, err) = Fleetsim("run", "--set", "fleet.replicas=1", "--set", "replica.gpus=1", "--set", "replica.gpus_per_node=1",
                                           "--set", "replica.max_in_flight=1", "--set", "horizon_hours=24");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("Fleet     1 replica × 1 GPU on 1 node (1 GPU at $6/GPU-hour): 1 slot,"));
        Assert.That(output, Does.Contain("a request that finds the one slot busy"));
        Assert.That(output, Does.Contain("Self-host (1 replica)"));
    }

    [Test]
    public void AFleetOfNoReplicasDoesNotSpeakOfBusySlots()
    {
        var (code, output, err) = Fleetsim("run", "--set", "fleet.replicas=0", "--set", "horizon_hours=24");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("with no self-hosted slot, every request goes to the API").And.Not.Contain("all 0 slots"));
        Assert.That(output, Does.Contain("0 replicas × 4 GPUs on 0 nodes"));
    }
}
