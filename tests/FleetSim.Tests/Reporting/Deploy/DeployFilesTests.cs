using FleetSim.Reporting.Deploy;

namespace FleetSim.Tests.Reporting.Deploy;

/// <summary>Which files the plan's choice gets.</summary>
public class DeployFilesTests
{
    private static string[] Names(DeployChoice choice) => [.. DeployFiles.For(Scenarios.Seed(), choice).Select(f => f.FileName)];

    [Test]
    public void EachPolicyGetsItsFiles()
    {
        int[] day = [.. Enumerable.Repeat(1, 12), .. Enumerable.Repeat(3, 12)];
        Assert.Multiple(() =>
        {
            Assert.That(Names(new DeployChoice("static:4", 4, null, null, "g", "d")), Is.EqualTo(new[] { "litellm-config.yaml" }));
            Assert.That(Names(new DeployChoice("predictive", 4, null, null, "g", "d")), Is.EqualTo(new[] { "litellm-config.yaml" }));
            Assert.That(Names(new DeployChoice("schedule", 3, day, day, "g", "d")), Is.EqualTo(new[] { "litellm-config.yaml", "keda-scaledobject.yaml" }));
            Assert.That(Names(new DeployChoice("reactive", 4, null, null, "g", "d")), Is.EqualTo(new[] { "litellm-config.yaml", "hpa.yaml" }));
        });
    }

    [Test]
    public void AScheduleOfNoReplicasAtAnyHourHasNothingForKedaToScale()
    {
        int[] none = new int[24];
        Assert.That(Names(new DeployChoice("schedule", 1, none, none, "g", "d")), Is.EqualTo(new[] { "litellm-config.yaml" }));
    }

    [Test]
    public void AScheduleWithoutItsLevelsOrAFleetOfNoReplicasIsRefused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Names(new DeployChoice("schedule", 3, null, null, "g", "d")), Throws.ArgumentException.With.Message.Contains("weekday and weekend levels"));
            Assert.That(() => Names(new DeployChoice("static:0", 0, null, null, "g", "d")), Throws.ArgumentException.With.Message.Contains("sends everything to the API"));
        });
    }
}
