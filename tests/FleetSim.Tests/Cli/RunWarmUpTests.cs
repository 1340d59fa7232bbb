using FleetSim.Cli;

namespace FleetSim.Tests.Cli;

/// <summary>The start-up warm-up of <c>fleetsim run</c> (issue 19) does its work, and never changes what a run prints.</summary>
public class RunWarmUpTests
{
    /// <summary>The warm-up swallows its own failures (so a run never fails for it); this is where a failure would show.</summary>
    [Test]
    public void TheWarmUpsSerializationOfAnEmptyBillSucceeds() => Assert.DoesNotThrow(RunWarmUp.Prepare);

    [Test]
    public void ARunAfterTheWarmUpPrintsTheSameBill()
    {
        string[] args = ["run", "--set", "horizon_hours=24", "--json"];
        var (_, before, _) = Hostile.CliRun.Fleetsim(args);
        RunWarmUp.Prepare();
        var (code, after, err) = Hostile.CliRun.Fleetsim(args);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(JsonOutputs.WithoutProvenance(after), Is.EqualTo(JsonOutputs.WithoutProvenance(before)));
            Assert.That(after, Does.Contain("\"self_host_usd\": 2304"), "24 hours of the seed's 4 TP4 replicas at $6/GPU-hour: 4 × 4 × 6 × 24");
        });
    }
}
