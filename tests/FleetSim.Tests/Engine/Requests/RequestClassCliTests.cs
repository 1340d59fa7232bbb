using System.Text.Json;
using FleetSim.Cli;

namespace FleetSim.Tests.Engine.Requests;

/// <summary><c>fleetsim run --engine request</c> with traffic classes: the class table and bill.json's classes, and the refusals.</summary>
public class RequestClassCliTests
{
    private const string Classes = "traffic.classes=[{name: chat, share: 0.7}, {name: bulk, share: 0.3, deadline_hours: 1}]";

    private static (int Code, string Out, string Err) Fleetsim(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void TheJsonClassesAddUpToTheTotals()
    {
        var (code, output, error) = Fleetsim("run", "--json", "--engine", "request", "--set", "horizon_hours=6", "--set", Classes);
        Assert.That(code, Is.EqualTo(ExitCode.Ok), error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        JsonElement[] classes = [.. root.GetProperty("classes").EnumerateArray()];
        double Sum(string key) => classes.Sum(c => c.GetProperty(key).GetDouble());
        double demand = root.GetProperty("demand_tokens").GetDouble();
        JsonElement bulk = classes[1];
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("engine").GetString(), Is.EqualTo("request"));
            Assert.That(classes.Select(c => c.GetProperty("name").GetString()), Is.EqualTo(new[] { "chat", "bulk" }));
            // JSON rounds token counts to 3 decimals: a few thousandths apart at most.
            Assert.That(Sum("demand_tokens"), Is.EqualTo(demand).Within(1e-9).Percent);
            Assert.That(Sum("self_host_tokens"), Is.EqualTo(root.GetProperty("self_host_tokens").GetDouble()).Within(1e-9).Percent);
            Assert.That(Sum("spill_tokens") + Sum("batch_api_tokens"), Is.EqualTo(root.GetProperty("spill_tokens").GetDouble()).Within(1e-9).Percent);
            Assert.That(bulk.GetProperty("deferred_self_host_tokens").GetDouble() + bulk.GetProperty("batch_api_tokens").GetDouble(),
                        Is.EqualTo(bulk.GetProperty("demand_tokens").GetDouble()).Within(1e-9).Percent, "deferred + batch = the deferrable demand");
            Assert.That(bulk.GetProperty("demand_tokens").GetDouble() / demand, Is.EqualTo(0.3).Within(0.02), "the class draw gives each class its share");
            Assert.That(bulk.GetProperty("late_tokens").GetDouble(), Is.Zero);
            Assert.That(Sum("total_usd"), Is.EqualTo(root.GetProperty("total_usd").GetDouble()).Within(0.02));
        });
    }

    [Test]
    public void TheTableShowsTheClasses()
    {
        var (code, output, error) = Fleetsim("run", "--engine", "request", "--set", "horizon_hours=6", "--set", Classes);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.Ok), error);
            Assert.That(output, Does.Contain("request engine").And.Contain("By class").And.Contain("bulk (1 h"));
        });
    }

    [TestCase("--router", "cooldown", "router.mode cooldown")]
    [TestCase("--router", "litellm", "router.mode litellm")]
    [TestCase("--set", "replica.throughput_curve=[[1, 6000], [8, 26600]]", "replica.throughput_curve")]
    public void DeferrableClassesWhereTheRequestEngineCannotHoldThemAreRefused(string flag, string value, string named)
    {
        var (code, output, error) = Fleetsim("run", "--engine", "request", flag, value, "--set", "horizon_hours=6", "--set", Classes);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.StartWith("fleetsim: ").And.Contain("traffic.classes").And.Contain(named).And.Contain("deadline_hours"));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
        });
    }

    [Test]
    public void InteractiveClassesRunOnAnyRouter()
    {
        var (code, output, error) = Fleetsim("run", "--router", "cooldown", "--set", "horizon_hours=6", "--set", "traffic.classes=[{name: a, share: 0.4}, {name: b, share: 0.6}]");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.Ok), error);
            Assert.That(output, Does.Contain("By class"));
        });
    }
}
