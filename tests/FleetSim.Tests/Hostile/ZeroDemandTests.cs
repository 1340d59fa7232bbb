using System.Text.Json;
using static FleetSim.Tests.Hostile.CliRun;

namespace FleetSim.Tests.Hostile;

/// <summary>
/// Issue 15, kind 2: a horizon with no demand has a well-defined bill, the fleet's cost with nothing saved,
/// and every verb prints it instead of crashing; a savings share with nothing to divide by is n/a, not 0.0 %.
/// </summary>
public class ZeroDemandTests
{
    /// <summary>All traffic in hour 23; a 12-hour horizon sees none of it.</summary>
    private static readonly string[] NoDemand =
    [
        "--set", "traffic.daily_shape={hourly: [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1]}",
        "--set", "horizon_hours=12",
    ];

    [Test]
    public void AFixedFleetWithNoDemandCostsItsNodesAndSavesNothing()
    {
        var (code, output, err) = Fleetsim(["run", .. NoDemand, "--set", "fleet.replicas=4", "--json"]);
        Assert.That(code, Is.EqualTo(0), err);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement bill = doc.RootElement;
        // 4 TP4 replicas, 2 per 8-GPU node: 2 nodes × 8 GPUs × $6/GPU-hour × 12 h.
        const double fleet = 2 * 8 * 6.0 * 12;
        Assert.Multiple(() =>
        {
            Assert.That(bill.GetProperty("all_api_usd").GetDouble(), Is.EqualTo(0));
            Assert.That(bill.GetProperty("self_host_usd").GetDouble(), Is.EqualTo(fleet));
            Assert.That(bill.GetProperty("total_usd").GetDouble(), Is.EqualTo(fleet));
            Assert.That(bill.GetProperty("savings_usd").GetDouble(), Is.EqualTo(-fleet));
            Assert.That(bill.GetProperty("savings_fraction").ValueKind, Is.EqualTo(JsonValueKind.Null), "no share of a zero API bill");
        });
    }

    [Test]
    public void TheTableSaysTheShareIsNotApplicable()
    {
        var (code, output, err) = Fleetsim(["run", .. NoDemand, "--set", "fleet.replicas=4"]);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("Savings vs all API").And.Contain("-$1,152   n/a"));
        Assert.That(output, Does.Not.Contain("-0.0 %").And.Not.Contain("-$0"));
    }

    [TestCase("run", "--engine", "request")]
    [TestCase("compare")]
    [TestCase("sweep", "--runs", "2")]
    [TestCase("report", "--runs", "2")]
    public void EveryVerbPrintsABillForNoDemand(params string[] verb)
    {
        string dir = TempDir();
        try
        {
            var (code, output, err) = Fleetsim([.. verb, .. NoDemand, "--out", dir]);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(0), err);
                Assert.That(output, Does.Not.Contain("-0.0 %").And.Not.Contain("-$0").And.Not.Contain("NaN").And.Not.Contain("∞"));
            });
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
