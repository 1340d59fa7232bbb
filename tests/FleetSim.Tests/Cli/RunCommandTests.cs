using System.Text.Json;
using FleetSim.Cli;

namespace FleetSim.Tests.Cli;

public class RunCommandTests
{
    private static (int Code, string Out, string Err) Fleetsim(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "fleetsim-test-" + Guid.NewGuid().ToString("N"));

    [Test]
    public void RunWithNoScenarioPrintsTheSeedsBill()
    {
        var (code, output, error) = Fleetsim("run");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.Ok), error);
            Assert.That(output, Does.Contain("All API"));
            Assert.That(output, Does.Contain("$184,811"));
            Assert.That(output, Does.Contain("$70,080"));
            Assert.That(output, Does.Contain("Fluid router"));
            Assert.That(error, Is.Empty);
        });
    }

    [Test]
    public void JsonHasTheDocumentedFields()
    {
        var (code, output, _) = Fleetsim("run", "--json", "--router", "fluid");
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        string[] fields =
        [
            "all_api_usd", "self_host_usd", "spill_usd", "total_usd", "savings_usd", "savings_fraction",
            "demand_tokens", "self_host_tokens", "spill_tokens", "utilization", "break_even_utilization",
            "savings_ceiling_fraction",
        ];
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            foreach (string f in fields)
            {
                Assert.That(root.TryGetProperty(f, out _), Is.True, f);
            }
            Assert.That(root.GetProperty("self_host_usd").GetDouble(), Is.EqualTo(70_080.0));
            Assert.That(root.GetProperty("router").GetString(), Is.EqualTo("fluid"));
        });
    }

    [Test]
    public void ShippedScenarioFileEqualsTheBuiltInDefault()
    {
        string file = Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../scenarios/cline-k2-floor.yaml");
        var (_, fromFile, _) = Fleetsim("run", file, "--json");
        var (_, builtIn, _) = Fleetsim("run", "--json");
        Assert.That(JsonOutputs.WithoutProvenance(fromFile), Is.EqualTo(JsonOutputs.WithoutProvenance(builtIn)));
    }

    [Test]
    public void OutWritesTheBillAndTheMinutes()
    {
        string dir = TempDir();
        try
        {
            var (code, _, error) = Fleetsim("run", "--set", "horizon_hours=24", "--out", dir);
            Assert.That(code, Is.EqualTo(0), error);
            Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "bill.json", "bill.txt", "minutes.csv" }));
            string[] csv = File.ReadAllLines(Path.Combine(dir, "minutes.csv"));
            Assert.That(csv, Has.Length.EqualTo(24 * 60 + 1));
            Assert.That(csv[0], Is.EqualTo("minute,demand_tok_s,self_host_tok_s,spill_tok_s"));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Test]
    public void SetChangesTheFleet()
    {
        var (_, output, _) = Fleetsim("run", "--set", "fleet.replicas=6", "--json");
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.GetProperty("replicas").GetInt32(), Is.EqualTo(6));
            Assert.That(doc.RootElement.GetProperty("nodes").GetInt32(), Is.EqualTo(3));
        });
    }

    [Test]
    public void UnknownRouterIsAUsageError()
    {
        var (code, output, error) = Fleetsim("run", "--router", "magic");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.Contain("--router").And.Contain("magic"));
        });
    }

    [Test]
    public void UnknownVerbIsAUsageError() => Assert.That(Fleetsim("fly").Code, Is.EqualTo(ExitCode.BadInput));

    [Test]
    public void HelpExitsZero() => Assert.That(Fleetsim("--help").Code, Is.EqualTo(ExitCode.Ok));
}
