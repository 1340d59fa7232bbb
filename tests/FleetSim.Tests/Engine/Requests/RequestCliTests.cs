using System.Text.Json;
using FleetSim.Cli;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>fleetsim run with --engine and the router modes only the request engine can run.</summary>
public class RequestCliTests
{
    private static (int Code, string Out, string Err) Fleetsim(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void CooldownOnTheMinuteEngineIsRefusedWithTheReason()
    {
        var (code, output, error) = Fleetsim("run", "--engine", "minute", "--router", "cooldown", "--set", "horizon_hours=6");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.StartWith("fleetsim: ").And.Contain("'cooldown' has no minute-engine form").And.Contain("--engine request"));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void QueueWithoutATimeoutOnTheMinuteEngineIsRefused()
    {
        var (code, _, error) = Fleetsim("run", "--engine", "minute", "--router", "queue", "--set", "horizon_hours=6");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(error, Does.Contain("'queue' without patience_seconds has no minute-engine form"));
        });
    }

    [Test]
    public void FluidOnTheRequestEngineIsRefused()
    {
        var (code, output, error) = Fleetsim("run", "--engine", "request", "--router", "fluid", "--set", "horizon_hours=6");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.StartWith("fleetsim: ").And.Contain("'fluid'").And.Contain("no request-level form"));
        });
    }

    [Test]
    public void AnUnknownEngineIsRefused()
    {
        var (code, _, error) = Fleetsim("run", "--engine", "event", "--set", "horizon_hours=6");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(error, Does.Contain("--engine").And.Contain("'event'"));
        });
    }

    [TestCase("cooldown")]
    [TestCase("queue")]
    public void WithoutAMinuteFormTheDefaultEngineIsTheRequestEngine(string router)
    {
        var (code, output, error) = Fleetsim("run", "--router", router, "--set", "horizon_hours=6");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.Ok), error);
            Assert.That(output, Does.Contain("request engine, seed 1"));
            Assert.That(output, Does.Contain($"Router    {router}"));
        });
    }

    [Test]
    public void WithAMinuteFormTheDefaultEngineIsTheMinuteEngine()
    {
        var (code, output, error) = Fleetsim("run", "--router", "spill", "--set", "horizon_hours=6");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.Ok), error);
            Assert.That(output, Does.Contain("minute engine"));
            Assert.That(output, Does.Not.Contain("request engine"));
        });
    }

    [Test]
    public void RequestEngineJsonHasRequestsLatenciesAndTheMinuteEnginesShare()
    {
        var (code, output, error) = Fleetsim("run", "--json", "--engine", "request", "--set", "horizon_hours=6");
        Assert.That(code, Is.EqualTo(ExitCode.Ok), error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        JsonElement requests = root.GetProperty("requests");
        JsonElement latency = root.GetProperty("latency_seconds");
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("engine").GetString(), Is.EqualTo("request"));
            Assert.That(requests.GetProperty("total").GetInt64(),
                Is.EqualTo(requests.GetProperty("self_hosted").GetInt64() + requests.GetProperty("spilled").GetInt64() + requests.GetProperty("dropped").GetInt64()));
            // Monday 00:00–06:00 holds the seed's six lowest hours, all between the 110K trough and the
            // 222K median: 6 h × 3,600 s × 110K..222K tok/s / 85K tokens = 28K..56K requests.
            Assert.That(requests.GetProperty("total").GetInt64(), Is.InRange(27_000, 57_000));
            foreach (string block in new[] { "queue_wait", "time_to_first_token", "end_to_end" })
            {
                foreach (string stat in new[] { "mean", "p50", "p95", "p99" })
                {
                    Assert.That(latency.GetProperty(block).GetProperty(stat).GetDouble(), Is.GreaterThanOrEqualTo(0), $"{block}.{stat}");
                }
            }
            Assert.That(latency.GetProperty("end_to_end").GetProperty("p50").GetDouble(), Is.GreaterThan(1));
            Assert.That(root.GetProperty("minute_engine_spill_share").GetDouble(),
                Is.EqualTo(root.GetProperty("spill_share").GetDouble()).Within(0.01));
            Assert.That(root.TryGetProperty("dropped_tokens", out _), Is.True);
        });
    }

    [Test]
    public void MinuteEngineJsonHasNoRequestFields()
    {
        var (code, output, error) = Fleetsim("run", "--json", "--engine", "minute", "--set", "horizon_hours=6");
        Assert.That(code, Is.EqualTo(ExitCode.Ok), error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("engine").GetString(), Is.EqualTo("minute"));
            Assert.That(root.TryGetProperty("requests", out _), Is.False);
            // The spill router's latency in closed form, said to be so (not measured request by request).
            Assert.That(root.GetProperty("latency_seconds").GetProperty("basis").GetString(), Is.EqualTo("closed form"));
            Assert.That(root.GetProperty("latency_seconds").GetProperty("queue_wait").GetProperty("p99").GetDouble(), Is.EqualTo(0));
            Assert.That(root.TryGetProperty("minute_engine_spill_share", out _), Is.False);
        });
    }

    [Test]
    public void CooldownJsonHasNoMinuteEngineShareToCompare()
    {
        var (code, output, error) = Fleetsim("run", "--json", "--router", "cooldown", "--set", "horizon_hours=6");
        Assert.That(code, Is.EqualTo(ExitCode.Ok), error);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.GetProperty("engine").GetString(), Is.EqualTo("request"));
            Assert.That(doc.RootElement.GetProperty("requests").GetProperty("rejected").GetInt64(), Is.GreaterThan(0));
            Assert.That(doc.RootElement.TryGetProperty("minute_engine_spill_share", out _), Is.False);
        });
    }

    [Test]
    public void TheSeedOptionPicksTheRun()
    {
        string[] run = ["run", "--json", "--engine", "request", "--set", "horizon_hours=6"];
        var (_, one, _) = Fleetsim([.. run, "--seed", "1"]);
        var (_, defaultSeed, _) = Fleetsim(run);
        var (_, two, _) = Fleetsim([.. run, "--seed", "2"]);
        Assert.Multiple(() =>
        {
            Assert.That(JsonOutputs.WithoutProvenance(defaultSeed), Is.EqualTo(JsonOutputs.WithoutProvenance(one)));
            Assert.That(JsonOutputs.WithoutProvenance(two), Is.Not.EqualTo(JsonOutputs.WithoutProvenance(one)));
        });
    }
}
