using FleetSim.Engine;
using FleetSim.Reporting.Deploy;
using FleetSim.Runs;
using FleetSim.Scenario;

namespace FleetSim.Tests.Reporting.Deploy;

/// <summary>
/// The written LiteLLM config is read back by FleetSim's own import with nothing refused, and a
/// scenario pointing at it runs the same router, so the request engine gives the same bill with the same seed.
/// </summary>
public class LiteLlmProxyConfigTests
{
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    private string _folder = "";

    [SetUp]
    public void MakeFolder() => _folder = Directory.CreateTempSubdirectory("fleetsim-deploy-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    /// <summary>The seed's traffic and replica over one day, with <paramref name="router"/> as the router section.</summary>
    private static string Scenario(string router, string fleet = "fleet: { replicas: 4 }\n") =>
        "name: deploy-litellm\n" +
        "horizon_hours: 24\n" +
        "seed: 7\n" +
        "traffic:\n" +
        "  monthly_processed_tokens: 583B\n" +
        "  daily_shape:\n" +
        "    hourly_percentiles: { trough: 110K, p50: 222K, p90: 290K, p99: 327K }\n" +
        "    peak_hour: 15\n" +
        "  request_mix: { processed_tokens: 85K, output_tokens: 1K, cache_hit_share: 0.835, size_cv: 1.0 }\n" +
        "replica: { gpus: 4, gpus_per_node: 8, processed_tokens_per_second: 26.6K, max_in_flight: 8, usd_per_gpu_hour: 6 }\n" +
        fleet +
        router +
        "api:\n" +
        "  usd_per_million_tokens: 0.317\n" +
        "  requests_per_minute: 900\n";

    private string WriteFile(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes the config for <paramref name="original"/>, and a scenario that imports it with nothing else changed.</summary>
    private ScenarioSpec ReadBack(ScenarioSpec original, string extraRouterKeys = "")
    {
        var choice = new DeployChoice("static", 4, null, null, "kimi-k2", "kimi-k2-vllm") { HostedModel = "hosted_vllm/moonshotai/Kimi-K2.6" };
        WriteFile(LiteLlmProxyConfig.FileName, LiteLlmProxyConfig.Write(original, choice));
        string path = WriteFile("imported.yaml", Scenario($"router:\n  litellm_config: {LiteLlmProxyConfig.FileName}\n{extraRouterKeys}", fleet: ""));
        return ScenarioLoader.LoadFile(path);
    }

    private static void AssertSameRun(ScenarioSpec original, ScenarioSpec imported)
    {
        ScenarioRun a = ScenarioRun.Of(original, EngineChoice.Request);
        ScenarioRun b = ScenarioRun.Of(imported, EngineChoice.Request);
        Assert.Multiple(() =>
        {
            Assert.That(imported.Router.Mode, Is.EqualTo(RouterMode.LiteLlm));
            Assert.That(imported.Fleet, Is.EqualTo(new StaticFleet(4)));
            Assert.That(imported.Warnings, Has.None.Contains("ignored although"));
            Assert.That(a.Requests!.Requests.Spilled, Is.GreaterThan(0), "the day must send some requests to the API, or the test proves little");
            Assert.That(b.Requests!.Requests.Spilled, Is.EqualTo(a.Requests.Requests.Spilled));
            Assert.That(b.Requests.Requests.TimedOut, Is.EqualTo(a.Requests.Requests.TimedOut));
            Assert.That(b.Bill.Total.Value, Is.EqualTo(a.Bill.Total.Value));
            Assert.That(b.Bill.Spill.Value, Is.EqualTo(a.Bill.Spill.Value));
        });
    }

    [Test]
    public void ALiteLlmScenarioWithLeastBusyAndATimeoutRunsToTheSameBillFromItsConfig()
    {
        ScenarioSpec original = ScenarioLoader.LoadFile(WriteFile("original.yaml", Scenario(
            "router: { mode: litellm, strategy: least-busy, timeout_seconds: 30, max_parallel_requests: 8, retries: 1, cooldown_seconds: 10 }\n")));
        AssertSameRun(original, ReadBack(original));
    }

    [Test]
    public void ALiteLlmScenarioWithSimpleShuffleUnderLoadRunsToTheSameBillFromItsConfig()
    {
        // Not streamed: a call is bounded by its whole length (85K tokens at 26.6K/8 tok/s is about 26 s), so timeouts fire.
        ScenarioSpec original = ScenarioLoader.LoadFile(WriteFile("original.yaml", Scenario(
            "router: { mode: litellm, timeout_seconds: 40, streaming: false }\n")));
        ScenarioSpec imported = ReadBack(original, "  streaming: false\n");
        Assert.That(imported.Router.Choice, Is.EqualTo(ReplicaChoice.SimpleShuffle));
        AssertSameRun(original, imported);
    }

    [Test]
    public void TheShippedLiteLlmScenarioRunsToTheSameBillFromTheConfigWrittenForIt()
    {
        // cline-k2-litellm imports a config with pre-call rpm 18, semaphores 8, least-busy and an API rpm.
        ScenarioSpec original = ScenarioLoader.LoadFile(Path.Combine(RepoRoot, "scenarios/cline-k2-litellm.yaml"), [ScenarioOverride.Parse("horizon_hours=24")]);
        var choice = new DeployChoice("static", 4, null, null, "kimi-k2", "kimi-k2-vllm");
        WriteFile(LiteLlmProxyConfig.FileName, LiteLlmProxyConfig.Write(original, choice));
        string yaml = File.ReadAllText(Path.Combine(RepoRoot, "scenarios/cline-k2-litellm.yaml"))
            .Replace("litellm/proxy-config.yaml", LiteLlmProxyConfig.FileName, StringComparison.Ordinal);
        ScenarioSpec imported = ScenarioLoader.LoadFile(WriteFile("imported.yaml", yaml), [ScenarioOverride.Parse("horizon_hours=24")]);
        Assert.Multiple(() =>
        {
            Assert.That(imported.Router.LiteLlm.PreCallRpm, Is.EqualTo(new double?[] { 18, 18, 18, 18 }));
            Assert.That(imported.Api.RequestsPerMinute, Is.EqualTo(1200));
        });
        AssertSameRun(original, imported);
    }

    /// <summary>A hand-written LiteLLM config: four replicas of group 'local' and, with <paramref name="api"/>, the API as group 'paid' behind fallbacks.</summary>
    private static string HandWritten(bool api)
    {
        string replicas = string.Concat(Enumerable.Range(0, 4).Select(i =>
            $"  - model_name: local\n    litellm_params: {{ model: hosted_vllm/k2, api_base: http://r{i}:8000/v1, max_parallel_requests: 6, rpm: 20 }}\n"));
        return "model_list:\n" + replicas +
               (api ? "  - model_name: paid\n    litellm_params: { model: openrouter/k2, api_key: os.environ/KEY, rpm: 700 }\n" : "") +
               "router_settings:\n  routing_strategy: least-busy\n  enable_pre_call_checks: true\n  timeout: 30\n  num_retries: 1\n" +
               (api ? "  fallbacks: [{ local: [paid] }]\n" : "");
    }

    [TestCase(true, ApiRoute.Fallbacks)]
    [TestCase(false, ApiRoute.None)]
    public void AnApiReachedThroughFallbacksOrNotAtAllIsWrittenTheSameWay(bool api, ApiRoute route)
    {
        WriteFile("hand.yaml", HandWritten(api));
        ScenarioSpec original = ScenarioLoader.LoadFile(WriteFile("original.yaml", Scenario("router:\n  litellm_config: hand.yaml\n  model_group: local\n", fleet: "")));
        Assert.That(original.Router.LiteLlm.ApiRoute, Is.EqualTo(route));
        var choice = new DeployChoice("static", 4, null, null, "local", "local-vllm");
        string text = LiteLlmProxyConfig.Write(original, choice);
        WriteFile(LiteLlmProxyConfig.FileName, text);
        // With the API as its own group the file has two groups: the scenario names the one the clients call.
        ScenarioSpec imported = ScenarioLoader.LoadFile(WriteFile("imported.yaml",
            Scenario($"router:\n  litellm_config: {LiteLlmProxyConfig.FileName}\n  model_group: local\n", fleet: "")));
        Assert.Multiple(() =>
        {
            Assert.That(imported.Router.LiteLlm.ApiRoute, Is.EqualTo(route));
            Assert.That(text.Contains("local-api", StringComparison.Ordinal), Is.EqualTo(api));
            Assert.That(imported.Router.LiteLlm.Semaphores, Is.EqualTo(new int?[] { 6, 6, 6, 6 }));
        });
        if (api)
        {
            AssertSameRun(original, imported);
            return;
        }
        ScenarioRun a = ScenarioRun.Of(original, EngineChoice.Request);
        ScenarioRun b = ScenarioRun.Of(imported, EngineChoice.Request);
        Assert.Multiple(() =>
        {
            Assert.That(a.Requests!.Requests.Spilled, Is.Zero, "no route to the API");
            Assert.That(b.Requests!.Requests.Dropped, Is.EqualTo(a.Requests.Requests.Dropped));
            Assert.That(b.Bill.Total.Value, Is.EqualTo(a.Bill.Total.Value));
        });
    }

    [Test]
    public void ASpillScenarioGetsAnRpmOfWhatAReplicaServesInAMinute()
    {
        ScenarioSpec original = ScenarioLoader.LoadFile(WriteFile("original.yaml", Scenario("router: { mode: spill }\n")));
        ScenarioSpec imported = ReadBack(original);
        // 26,600 tok/s × 60 s ÷ 85,000 tokens a request = 18.8 requests a minute: 18.
        Assert.Multiple(() =>
        {
            Assert.That(imported.Router.Mode, Is.EqualTo(RouterMode.LiteLlm));
            Assert.That(imported.Router.LiteLlm.PreCallRpm, Is.EqualTo(new double?[] { 18, 18, 18, 18 }));
            Assert.That(imported.Router.LiteLlm.Semaphores, Is.EqualTo(new int?[] { 8, 8, 8, 8 }));
            Assert.That(imported.Router.Weights, Is.EqualTo(new double[] { 1, 1, 1, 1 }), "an explicit weight keeps simple-shuffle's draw equal");
            Assert.That(imported.Api.RequestsPerMinute, Is.EqualTo(900));
            Assert.That(imported.Warnings, Has.None.Contains("ignored although"));
        });
    }

    [Test]
    public void TheFileSaysWhatItWasWrittenFromAndKeepsTheKeyOutOfIt()
    {
        ScenarioSpec original = ScenarioLoader.LoadFile(WriteFile("original.yaml", Scenario("router: { mode: litellm }\n")));
        string text = LiteLlmProxyConfig.Write(original, new DeployChoice("static:4", 4, null, null, "kimi-k2", "kimi-k2-vllm"));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("# LiteLLM proxy config written by FleetSim from scenario 'deploy-litellm', policy static:4"));
            Assert.That(text, Does.Contain("api_key: os.environ/OPENROUTER_API_KEY"));
            Assert.That(text, Does.Contain("api_base: http://replica-3.inference.svc:8000/v1"));
            Assert.That(text, Does.Not.Contain("api_base: http://replica-4."), "four replicas: 0 to 3");
        });
    }
}
