using System.Text.Json;
using FleetSim.Cli;

namespace FleetSim.Tests.Cli;

public class PlanCommandTests
{
    private static (int Code, string Out, string Err) Fleetsim(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "fleetsim-plan-" + Guid.NewGuid().ToString("N"));

    private static string Catalogue(string dir, string body)
    {
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "catalogue.yaml");
        File.WriteAllText(path, body);
        return path;
    }

    /// <summary>One node type at half the seed's price per GPU-hour, the seed's measured TP4 replica on it.</summary>
    private const string HalfPriceB200 = """
        name: half-price
        node_types:
          - name: cheap-b200
            cloud: test
            instance: b200.48xlarge
            gpu: B200
            gpus_per_node: 8
            usd_per_gpu_hour:
              on_demand: 3
        replicas:
          - model: kimi-k2.6
            gpu: B200
            tensor_parallel: 4
            max_in_flight: 8
            processed_tokens_per_second: 26.6K
            basis: measured
        """;

    [Test]
    public void PlanWritesItsFilesAndTheJsonNamesWhatToRent()
    {
        string dir = TempDir();
        string catalogue = Catalogue(dir, HalfPriceB200);
        var (code, output, err) = Fleetsim("plan", "--catalogue", catalogue, "--set", "plan.policies=[breakeven, schedule]", "--runs", "2",
                                           "--out", Path.Combine(dir, "out"), "--json");
        Assert.That(code, Is.EqualTo(ExitCode.Ok), err);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement best = doc.RootElement.GetProperty("best");
        Assert.Multiple(() =>
        {
            // At half the seed's $6 per GPU-hour, the same schedule's nodes cost half: whatever the plan is, it is
            // cheaper than compare's best on the seed's own nodes ($163,246), and it rents the cheap node type.
            Assert.That(best.GetProperty("candidate").GetProperty("node_type").GetString(), Is.EqualTo("cheap-b200"));
            Assert.That(best.GetProperty("total_usd").GetDouble(), Is.LessThan(163_246));
            Assert.That(doc.RootElement.GetProperty("compares_best").GetProperty("total_usd").GetDouble(), Is.EqualTo(163_246).Within(0.5));
            Assert.That(doc.RootElement.GetProperty("candidates").EnumerateArray().All(c => c.TryGetProperty("node_type", out _)), Is.True);
            Assert.That(doc.RootElement.GetProperty("provenance").GetProperty("seed").GetInt32(), Is.EqualTo(1));
            foreach (string file in new[] { "plan.json", "plan.md", "plan.png" })
            {
                Assert.That(new FileInfo(Path.Combine(dir, "out", file)).Length, Is.GreaterThan(0), file);
            }
        });
        Directory.Delete(dir, recursive: true);
    }

    [TestCase("--catalogue", "no-such-catalogue.yaml", "--catalogue: no such file: 'no-such-catalogue.yaml'")]
    [TestCase("--catalogue", "", "--catalogue: expected a file name, found an empty string")]
    [TestCase("--top", "0", "--top: must be between 1 and 50 (got 0)")]
    [TestCase("--runs", "1001", "--runs: must be between 1 and 1,000 (got 1001)")]
    [TestCase("--slo", "ttft_p95_seconds", "--slo: expected KEY=VALUE pairs separated by commas (e.g. ttft_p95_seconds=2,tpot_p95_ms=60), found 'ttft_p95_seconds'")]
    [TestCase("--slo", "foo=1", "--slo foo=1: slo.foo: unknown key; allowed here: ttft_p95_seconds, tpot_p95_ms, e2e_p95_seconds, cap_in_flight")]
    [TestCase("--slo", "ttft_p95_seconds=-2", "--slo ttft_p95_seconds=-2: slo.ttft_p95_seconds: must be greater than 0 (got -2)")]
    public void BadFlagsAreOneMessageAndExitTwo(string flag, string value, string message)
    {
        string dir = TempDir();
        var (code, output, err) = Fleetsim("plan", flag, value, "--out", dir);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(output, Is.Empty);
            Assert.That(err, Is.EqualTo($"fleetsim: {message}{Environment.NewLine}"));
            Assert.That(Directory.Exists(dir), Is.False, "nothing written");
        });
    }

    [Test]
    public void ACatalogueWithoutTheModelIsRefusedNamingIt()
    {
        string dir = TempDir();
        string catalogue = Catalogue(dir, HalfPriceB200);
        var (code, _, err) = Fleetsim("plan", "--catalogue", catalogue, "--set", "plan.model=llama-4", "--out", Path.Combine(dir, "out"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(err, Does.Contain(catalogue).And.Contain("plan.model").And.Contain("no replica of 'llama-4'; it has kimi-k2.6"));
        });
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void AnUnknownPoolIsRefusedWithTheNearestName()
    {
        var (code, _, err) = Fleetsim("plan", "--set", "plan.pools=[on_demand, reserved_1yr]", "--out", TempDir());
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(err, Does.Contain("plan.pools[1]").And.Contain("unknown pool mix 'reserved_1yr' (did you mean 'reserved_1y'?)"));
        });
    }

    [Test]
    public void AnEstimatedReplicaIsNeverThePlanUnlessTrusted()
    {
        string dir = TempDir();
        string catalogue = Catalogue(dir, HalfPriceB200.Replace("basis: measured", "basis: estimated"));
        var (_, output, err) = Fleetsim("plan", "--catalogue", catalogue, "--set", "plan.policies=[schedule]", "--runs", "1", "--out", Path.Combine(dir, "a"), "--json");
        var (_, trusted, _) = Fleetsim("plan", "--catalogue", catalogue, "--set", "plan.policies=[schedule]", "--set", "plan.trust_estimates=true", "--runs", "1",
                                       "--out", Path.Combine(dir, "b"), "--json");
        using JsonDocument untrusted = JsonDocument.Parse(output);
        using JsonDocument yes = JsonDocument.Parse(trusted);
        Assert.Multiple(() =>
        {
            Assert.That(untrusted.RootElement.GetProperty("best").GetProperty("candidate").GetProperty("node_type").GetString(), Is.EqualTo("scenario"), err);
            Assert.That(yes.RootElement.GetProperty("best").GetProperty("candidate").GetProperty("node_type").GetString(), Is.EqualTo("cheap-b200"));
            Assert.That(yes.RootElement.GetProperty("best").GetProperty("candidate").GetProperty("basis").GetString(), Is.EqualTo("estimated"));
        });
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// The LiteLLM config plan writes for a fixed fleet, read back by FleetSim as the router of the same
    /// deployment (the plan's replica, `router.litellm_config` with mode spill), bills exactly the plan's month.
    /// </summary>
    [Test]
    public void TheExportedLiteLlmConfigReproducesThePlansBill()
    {
        string dir = TempDir();
        string catalogue = Catalogue(dir, HalfPriceB200);
        string output = Path.Combine(dir, "out");
        var (code, json, err) = Fleetsim("plan", "--catalogue", catalogue, "--set", "plan.policies=[breakeven]", "--set", "plan.pools=[on_demand]",
                                         "--set", "scaling.policies=[breakeven]", "--runs", "1", "--out", output, "--json");
        Assert.That(code, Is.EqualTo(ExitCode.Ok), err);
        using JsonDocument plan = JsonDocument.Parse(json);
        JsonElement best = plan.RootElement.GetProperty("best").GetProperty("candidate");
        Assert.That(best.GetProperty("node_type").GetString(), Is.EqualTo("cheap-b200"));
        string config = Path.Combine(output, "deploy", "litellm-config.yaml");
        string scenario = Path.Combine(dir, "deployed.yaml");
        File.WriteAllText(scenario, File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../scenarios/cline-k2-floor.yaml"))
            .Replace("usd_per_gpu_hour: 6", "usd_per_gpu_hour: 3")
            .Replace("fleet:\n  replicas: floor                   # the largest count whose capacity fits under the trough\n", "")
            .Replace("router:\n  mode: spill", $"router:\n  mode: spill\n  litellm_config: {config}"));
        var (runCode, runJson, runErr) = Fleetsim("run", scenario, "--json", "--out", Path.Combine(dir, "run"));
        Assert.That(runCode, Is.EqualTo(ExitCode.Ok), runErr);
        using JsonDocument run = JsonDocument.Parse(runJson);
        Assert.Multiple(() =>
        {
            Assert.That(run.RootElement.GetProperty("total_usd").GetDouble(), Is.EqualTo(best.GetProperty("total_usd").GetDouble()).Within(0.005));
            Assert.That(run.RootElement.GetProperty("self_host_usd").GetDouble(), Is.EqualTo(best.GetProperty("self_host_usd").GetDouble()).Within(0.005));
        });
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Routers without a minute form are refused as compare refuses them: one message, exit 2 (not an internal error).</summary>
    [TestCase("cooldown")]
    [TestCase("litellm")]
    public void ARouterWithoutAMinuteFormIsRefused(string router)
    {
        var (code, output, err) = Fleetsim("plan", "--router", router, "--out", TempDir());
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.StartWith("fleetsim: policies run on the minute engine").And.Not.Contain("internal error"));
        });
    }

    /// <summary>A plan that rents nothing writes no deploy/ files; --force into a new folder still works, and leaves no empty deploy/.</summary>
    [Test]
    public void ForceIntoANewFolderWorksWhenNoDeployFilesAreWritten()
    {
        string dir = TempDir();
        var (code, _, err) = Fleetsim("plan", "--set", "api.usd_per_million_tokens=0.01", "--set", "plan.policies=[breakeven]", "--runs", "1", "--out", dir, "--force", "--quiet");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.Ok), err);
            Assert.That(File.Exists(Path.Combine(dir, "plan.json")), Is.True);
            Assert.That(Directory.Exists(Path.Combine(dir, "deploy")), Is.False);
        });
        Directory.Delete(dir, recursive: true);
    }
}
