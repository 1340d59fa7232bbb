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

    /// <summary>One token a month costs $0.000000317 at the API: a share of that is no figure (it printed −11,053,627,760,150 %).</summary>
    [Test]
    public void AnAllApiBillUnderACentHasNoShareEither()
    {
        var (code, output, err) = Fleetsim("run", "--set", "traffic.monthly_processed_tokens=1", "--set", "fleet.replicas=4");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Match(@"Savings vs all API\s+-\$[\d,]+\s+n/a"));
    }

    [Test]
    public void ASweepOfMonthsWithNoDemandHasNoSavingsShareAndMergesBackTheSame()
    {
        string dir = TempDir();
        string merged = TempDir();
        try
        {
            var (code, output, err) = Fleetsim(["sweep", .. NoDemand, "--set", "fleet.replicas=4", "--policies", "static", "--runs", "3", "--out", dir]);
            Assert.That(code, Is.EqualTo(0), err);
            string[] runs = File.ReadAllLines(Path.Combine(dir, "runs.csv"));
            string[] header = runs[0].Split(',');
            int share = Array.IndexOf(header, "savings_fraction");
            int total = Array.IndexOf(header, "total_usd");
            Assert.Multiple(() =>
            {
                // The table's savings columns: n/a, not a precise-looking 0.0 % or -100 %.
                Assert.That(output, Does.Contain("n/a (no demand)      n/a      n/a      n/a"));
                Assert.That(output, Does.Not.Contain("-0.0 %"));
                Assert.That(runs, Has.Length.EqualTo(4));
                // The month's bill is the fleet's 12 hours: 2 nodes × 8 GPUs × $6 × 12 h, in whole cents; its share is empty.
                Assert.That(runs.Skip(1).Select(r => r.Split(',')[share]), Is.All.Empty);
                Assert.That(runs.Skip(1).Select(r => r.Split(',')[total]), Is.All.EqualTo("1152"));
            });
            var (mergeCode, mergeOutput, mergeErr) = Fleetsim(["merge", dir, "--out", merged]);
            Assert.That(mergeCode, Is.EqualTo(0), mergeErr);
            Assert.That(File.ReadAllText(Path.Combine(merged, "summary.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(dir, "summary.csv"))));
        }
        finally
        {
            foreach (string d in new[] { dir, merged }.Where(Directory.Exists))
            {
                Directory.Delete(d, recursive: true);
            }
        }
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
