using FleetSim.Scenario;

namespace FleetSim.Tests.Replicas;

/// <summary>The example curves under scenarios/replicas: the seed's figures as one-point curves, each a replica a scenario reads.</summary>
public sealed class SeedCurveTests : ReplicaFixtures
{
    /// <summary>The seed scenario with its replica: section replaced by the snippet <paramref name="name"/>.</summary>
    private static ScenarioSpec WithReplica(string name)
    {
        string seed = File.ReadAllText(Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml"));
        string snippet = File.ReadAllText(Path.Combine(RepoRoot, "scenarios/replicas", name));
        int start = seed.IndexOf("\nreplica:", StringComparison.Ordinal) + 1;
        int end = seed.IndexOf("\nfleet:", StringComparison.Ordinal) + 1;
        return ScenarioLoader.Parse(seed[..start] + snippet + "\n" + seed[end..], name, "seed-with-" + name);
    }

    [Test]
    public void TheTp4CurveIsTheSeedsReplica()
    {
        // 26,600 tok/s at 8 in flight, straight to it: 3,325 tok/s per request whatever the load.
        ReplicaSpec replica = WithReplica("seed-tp4.yaml").Replica;
        Assert.Multiple(() =>
        {
            Assert.That(replica.Gpus, Is.EqualTo(4));
            Assert.That(replica.MaxInFlight, Is.EqualTo(8));
            Assert.That(replica.Throughput.Value, Is.EqualTo(26_600));
            Assert.That(replica.MeasuredCurve!.IsProportional, Is.True);
            Assert.That(replica.MeasuredCurve.At(1), Is.EqualTo(3_325).Within(1e-9));
            Assert.That(replica.SharesByLoad, Is.False, "a straight line runs as the replica without a curve");
        });
    }

    [Test]
    public void TheTp8CurveIsTheSeedsAlternative()
    {
        // 32,000 tok/s per 8-GPU node at 16 in flight: 2,000 tok/s per request; $48/h over 115.2M tok/h = $0.417/M at full use.
        ReplicaSpec replica = WithReplica("seed-tp8.yaml").Replica;
        Assert.Multiple(() =>
        {
            Assert.That(replica.Gpus, Is.EqualTo(8));
            Assert.That(replica.ReplicasPerNode, Is.EqualTo(1));
            Assert.That(replica.MaxInFlight, Is.EqualTo(16));
            Assert.That(replica.MeasuredCurve!.At(1), Is.EqualTo(2_000).Within(1e-9));
            Assert.That(replica.MeasuredCurve.IsProportional, Is.True);
            Assert.That(8 * 6 / (replica.Throughput.Value * 3600 / 1e6), Is.EqualTo(0.4167).Within(1e-4));
        });
    }
}
