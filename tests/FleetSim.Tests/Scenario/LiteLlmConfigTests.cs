using System.Text.RegularExpressions;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Scenario;

namespace FleetSim.Tests.Scenario;

/// <summary>
/// router.litellm_config: a LiteLLM proxy config.yaml next to the scenario says how many replicas
/// there are, how many requests each runs, how the router picks and what the API will take.
/// </summary>
public sealed class LiteLlmConfigTests
{
    private string _dir = "";

    /// <summary>The seed's scenario without its fleet section, the router taken from litellm.yaml.</summary>
    private const string ScenarioYaml = """
        name: litellm-fleet
        horizon_hours: 24
        traffic:
          monthly_processed_tokens: 583B
          daily_shape:
            hourly_percentiles: { trough: 110K, p50: 222K, p90: 290K, p99: 327K }
          request_mix: { processed_tokens: 85K, output_tokens: 1K, cache_hit_share: 0.835 }
        replica: { gpus: 4, gpus_per_node: 8, processed_tokens_per_second: 26.6K, max_in_flight: 8, usd_per_gpu_hour: 6 }
        router:
          litellm_config: litellm.yaml
        api: { usd_per_million_tokens: 0.317 }

        """;

    /// <summary>Five self-hosted vLLM replicas at order 1 and two paid providers at order 2, as a LiteLLM proxy would hold them.</summary>
    private static string Deployment(int i, string extra = "      max_parallel_requests: 12\n") => $"""
          - model_name: kimi-k2
            litellm_params:
              model: hosted_vllm/moonshotai/Kimi-K2
              api_base: http://replica-{i}:8000/v1
              api_key: os.environ/VLLM_KEY
              order: 1
        {extra}    model_info:
              id: replica-{i}

        """;

    private static readonly string ApiDeployments = """
          - model_name: kimi-k2
            litellm_params:
              model: moonshot/kimi-k2
              api_key: os.environ/MOONSHOT_KEY
              order: 2
              rpm: 600
              tpm: 40M
          - model_name: kimi-k2
            litellm_params:
              model: openrouter/moonshotai/kimi-k2
              order: 2
              rpm: 400
              tpm: 20000000

        """;

    private static readonly string Settings = """
        router_settings:
          routing_strategy: least-busy
          num_retries: 2
          timeout: 30
          cooldown_time: 10
          allowed_fails: 3
        litellm_settings:
          drop_params: true
        general_settings:
          master_key: os.environ/LITELLM_MASTER_KEY

        """;

    private static string Config(int replicas = 5) =>
        "model_list:\n" + string.Concat(Enumerable.Range(0, replicas).Select(i => Deployment(i))) + ApiDeployments + Settings;

    [SetUp]
    public void MakeFolder()
    {
        _dir = Path.Combine(Path.GetTempPath(), "fleetsim-litellm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>Writes litellm.yaml and scenario.yaml into the temp folder; returns the scenario's path.</summary>
    private string Write(string config, string scenario = ScenarioYaml)
    {
        File.WriteAllText(Path.Combine(_dir, "litellm.yaml"), config);
        string path = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(path, scenario);
        return path;
    }

    private static (int Code, string Out, string Err) Fleetsim(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The 1-based line of the first line of <paramref name="text"/> holding <paramref name="snippet"/>.</summary>
    private static int LineOf(string text, string snippet, int occurrence = 1)
    {
        string[] lines = text.Split('\n');
        int seen = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(snippet, StringComparison.Ordinal) && ++seen == occurrence)
            {
                return i + 1;
            }
        }
        throw new ArgumentException($"'{snippet}' is not in the text");
    }

    [Test]
    public void TheLowestOrderIsTheFleetAndItsMaxParallelRequestsItsSemaphore()
    {
        ScenarioSpec s = ScenarioLoader.LoadFile(Write(Config()));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet, Is.EqualTo(new StaticFleet(5)));
            Assert.That(s.Replica.MaxInFlight, Is.EqualTo(8), "the replica's own slots stay the scenario's");
            Assert.That(s.Router.LiteLlm.Semaphores, Is.EqualTo(new int?[] { 12, 12, 12, 12, 12 }));
            Assert.That(s.Warnings, Has.Some.Contains("LiteLLM lets 12 calls reach a replica that runs 8 at once"));
            Assert.That(s.Router.Mode, Is.EqualTo(RouterMode.LiteLlm), "a LiteLLM config runs as LiteLLM unless told otherwise");
            Assert.That(s.Router.LiteLlm.TimeoutSeconds, Is.EqualTo(30), "timeout bounds the call, not the wait");
            Assert.That(s.Router.PatienceSeconds, Is.Null);
            Assert.That(s.Router.Choice, Is.EqualTo(ReplicaChoice.LeastBusy));
            Assert.That(s.Router.LiteLlmConfig, Is.EqualTo("litellm.yaml"));
        });
    }

    [Test]
    public void TheHigherOrderDeploymentsAreTheApiAndTheirRpmAndTpmItsLimits()
    {
        ScenarioSpec s = ScenarioLoader.LoadFile(Write(Config()));
        Assert.Multiple(() =>
        {
            Assert.That(s.Api.RequestsPerMinute, Is.EqualTo(1000));
            Assert.That(s.Api.TokensPerMinute, Is.EqualTo(60e6));
            Assert.That(s.Api.Price.InputUsdPerMillion, Is.EqualTo(0.317), "the price stays the scenario's");
        });
    }

    /// <remarks>A deployment with no rpm is not rate-limited, so the API as a whole is not either.</remarks>
    [Test]
    public void AnApiDeploymentWithoutLimitsLeavesTheApiUnlimited()
    {
        string config = Config().Replace("      rpm: 400\n", "");
        ScenarioSpec s = ScenarioLoader.LoadFile(Write(config));
        Assert.Multiple(() =>
        {
            Assert.That(s.Api.RequestsPerMinute, Is.Null);
            Assert.That(s.Api.TokensPerMinute, Is.EqualTo(60e6));
        });
    }

    [Test]
    public void LimitsInTheScenarioWinOverTheConfigs()
    {
        string scenario = ScenarioYaml.Replace("api: { usd_per_million_tokens: 0.317 }", "api: { usd_per_million_tokens: 0.317, requests_per_minute: 50 }");
        ScenarioSpec s = ScenarioLoader.LoadFile(Write(Config(), scenario));
        Assert.That(s.Api.RequestsPerMinute, Is.EqualTo(50));
    }

    [Test]
    public void RoutingStrategiesAndSettingsMap()
    {
        string shuffle = Config().Replace("routing_strategy: least-busy", "routing_strategy: simple-shuffle")
                                 .Replace("      max_parallel_requests: 12\n", "      max_parallel_requests: 12\n      weight: 3\n");
        string scenario = ScenarioYaml.Replace("  litellm_config: litellm.yaml", "  litellm_config: litellm.yaml\n  mode: cooldown");
        ScenarioSpec s = ScenarioLoader.LoadFile(Write(shuffle, scenario));
        Assert.Multiple(() =>
        {
            Assert.That(s.Router.Choice, Is.EqualTo(ReplicaChoice.SimpleShuffle));
            Assert.That(s.Router.Weights, Is.EqualTo(new[] { 3.0, 3, 3, 3, 3 }));
            Assert.That(s.Router.Mode, Is.EqualTo(RouterMode.Cooldown));
            Assert.That(s.Router.CooldownSeconds, Is.EqualTo(10));
            Assert.That(s.Router.Retries, Is.EqualTo(2));
            Assert.That(s.Router.PatienceSeconds, Is.Null, "LiteLLM's timeout is not a queue's patience");
        });
    }

    /// <remarks>Router.__init__: num_retries unset takes openai.DEFAULT_MAX_RETRIES, which is 2; litellm_settings.num_retries comes before it.</remarks>
    [Test]
    public void NumRetriesDefaultsToLiteLlmsTwo()
    {
        ScenarioSpec unset = ScenarioLoader.LoadFile(Write(Config().Replace("  num_retries: 2\n", "")));
        ScenarioSpec global = ScenarioLoader.LoadFile(Write(Config().Replace("  num_retries: 2\n", "")
                                                                .Replace("  drop_params: true\n", "  drop_params: true\n  num_retries: 5\n")));
        Assert.Multiple(() =>
        {
            Assert.That(unset.Router.Retries, Is.EqualTo(2));
            Assert.That(global.Router.Retries, Is.EqualTo(5));
            Assert.That(new RouterSpec(RouterMode.Cooldown).Retries, Is.EqualTo(2), "cooldown mode without a config takes LiteLLM's default too");
        });
    }

    /// <remarks>calculate_max_parallel_requests: max_parallel_requests, else rpm, else ⌊tpm/1000·6⌋, else default_max_parallel_requests, else none.</remarks>
    [Test]
    public void TheSemaphoreComesFromMaxParallelElseRpmElseTpmElseTheDefault()
    {
        static string Each(int i) => i switch
        {
            0 => "      max_parallel_requests: 3\n",
            1 => "      rpm: 7\n",
            2 => "      tpm: 2500\n",
            _ => "",
        };
        string config = "model_list:\n" + string.Concat(Enumerable.Range(0, 4).Select(i => Deployment(i, Each(i)))) + ApiDeployments +
                        Settings.Replace("  allowed_fails: 3\n", "  allowed_fails: 3\n  default_max_parallel_requests: 9\n");
        ScenarioSpec s = ScenarioLoader.LoadFile(Write(config));
        Assert.That(s.Router.LiteLlm.Semaphores, Is.EqualTo(new int?[] { 3, 7, 15, 9 }));
    }

    [Test]
    public void AConfigThatReachesTheApiOnlyThroughFallbacksRoutesThere()
    {
        string config = """
            model_list:
              - model_name: local
                litellm_params: { model: hosted_vllm/k2, api_base: "http://a:8000/v1", max_parallel_requests: 8 }
              - model_name: local
                litellm_params: { model: hosted_vllm/k2, api_base: "http://b:8000/v1", max_parallel_requests: 8 }
              - model_name: paid
                litellm_params: { model: openrouter/moonshotai/kimi-k2, rpm: 500 }
            router_settings:
              fallbacks: [{ local: [paid] }]

            """;
        ScenarioSpec s = ScenarioLoader.LoadFile(Write(config, ScenarioYaml.Replace("  litellm_config: litellm.yaml", "  litellm_config: litellm.yaml\n  model_group: local")));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet, Is.EqualTo(new StaticFleet(2)));
            Assert.That(s.Router.LiteLlm.ApiRoute, Is.EqualTo(ApiRoute.Fallbacks));
            Assert.That(s.Api.RequestsPerMinute, Is.EqualTo(500));
        });
    }

    [Test]
    public void SeveralModelGroupsNeedTheCalledOneNamed()
    {
        string config = Config().Replace("router_settings:", "  - model_name: other\n    litellm_params: { model: openai/gpt-5 }\nrouter_settings:");
        string path = Write(config);
        Assert.That(() => ScenarioLoader.LoadFile(path),
                    Throws.TypeOf<ScenarioException>().With.Message.Contains("router.model_group"));
    }

    [Test]
    public void AKeyThatWouldChangeTheAnswerButIsNotModelledRefusesUnlessAllowed()
    {
        string config = Config().Replace("  allowed_fails: 3\n", "  allowed_fails: 3\n  retry_policy: { TimeoutErrorRetries: 5 }\n");
        string path = Write(config);
        Assert.That(() => ScenarioLoader.LoadFile(path),
                    Throws.TypeOf<ScenarioException>().With.Message.Contains("router_settings.retry_policy").And.Message.Contains("--allow-unmodelled"));
        ScenarioSpec allowed = ScenarioLoader.LoadFile(Write(config, ScenarioYaml.Replace("  litellm_config: litellm.yaml", "  litellm_config: litellm.yaml\n  allow_unmodelled: true")));
        Assert.That(allowed.Warnings, Has.Some.Contains("router_settings.retry_policy"));
    }

    /// <summary>
    /// Keys that change the route or the bill refuse unless allowed, wherever they sit: an order kept in
    /// model_info (LiteLLM reads a deployment's order from it as well), a key model_info does not list as
    /// inert, a proxy-wide concurrency cap in general_settings, a budget that stops calls, the client's
    /// own retries (max_retries) and an output cap (max_tokens) in litellm_params, response caching, and
    /// guardrails. Their listed neighbours stay inert.
    /// </summary>
    [TestCase("      id: replica-0\n", "      id: replica-0\n      order: 2\n", "model_list[*].model_info.order")]
    [TestCase("  master_key: os.environ/LITELLM_MASTER_KEY\n", "  master_key: os.environ/LITELLM_MASTER_KEY\n  global_max_parallel_requests: 4\n", "general_settings.global_max_parallel_requests")]
    [TestCase("  drop_params: true\n", "  drop_params: true\n  max_budget: 5\n", "litellm_settings.max_budget")]
    [TestCase("      id: replica-0\n", "      id: replica-0\n      some_future_key: 7\n", "model_list[*].model_info.some_future_key")]
    [TestCase("      model: moonshot/kimi-k2\n", "      model: moonshot/kimi-k2\n      max_retries: 2\n", "model_list[*].litellm_params.max_retries")]
    [TestCase("      model: moonshot/kimi-k2\n", "      model: moonshot/kimi-k2\n      max_tokens: 512\n", "model_list[*].litellm_params.max_tokens")]
    [TestCase("  drop_params: true\n", "  drop_params: true\n  cache: true\n", "litellm_settings.cache")]
    [TestCase("general_settings:\n", "guardrails:\n  - guardrail_name: pii\ngeneral_settings:\n", "guardrails")]
    public void AKeyThatChangesTheRouteInsideAnInertSectionRefuses(string from, string to, string key)
    {
        string config = Config();
        Assert.That(config, Does.Contain(from));
        string path = Write(config.Replace(from, to));
        Assert.That(() => ScenarioLoader.LoadFile(path),
                    Throws.TypeOf<ScenarioException>().With.Message.Contains(key).And.Message.Contains("--allow-unmodelled"));
        ScenarioSpec plain = ScenarioLoader.LoadFile(Write(Config()));
        Assert.That(plain.Warnings, Has.Some.Contains("general_settings.master_key").And.Some.Contains("model_list[*].model_info.id"));
    }

    [Test]
    public void MaxParallelRequestsEqualToTheReplicasIsNotWarnedAbout()
    {
        ScenarioSpec s = ScenarioLoader.LoadFile(Write(Config().Replace("max_parallel_requests: 12", "max_parallel_requests: 8")));
        Assert.Multiple(() =>
        {
            Assert.That(s.Replica.MaxInFlight, Is.EqualTo(8));
            Assert.That(s.Warnings, Has.None.Contains("calls reach a replica"));
        });
    }

    [Test]
    public void EveryKeyIsListedAsModelledOrWithoutEffect()
    {
        ScenarioSpec s = ScenarioLoader.LoadFile(Write(Config()));
        string warnings = string.Join("\n", s.Warnings);
        TestContext.Out.WriteLine(warnings);
        Assert.Multiple(() =>
        {
            foreach (string key in new[]
            {
                "model_list[*].litellm_params.api_key", "model_list[*].litellm_params.api_base",
                "model_list[*].model_info", "litellm_settings.drop_params", "general_settings",
            })
            {
                Assert.That(warnings, Does.Contain(key));
            }
            foreach (string modelled in new[] { "litellm_params.order", "max_parallel_requests,", "router_settings.timeout", "routing_strategy", "litellm_params.rpm", "allowed_fails" })
            {
                Assert.That(warnings, Does.Not.Contain(modelled));
            }
        });
    }

    [Test]
    public void RpmOnTheSelfHostedDeploymentsIsAPreCallFilterOnlyWithPreCallChecks()
    {
        string config = Config().Replace("      max_parallel_requests: 12\n", "      max_parallel_requests: 12\n      rpm: 60\n");
        ScenarioSpec off = ScenarioLoader.LoadFile(Write(config));
        ScenarioSpec on = ScenarioLoader.LoadFile(Write(config.Replace("  allowed_fails: 3\n", "  allowed_fails: 3\n  enable_pre_call_checks: true\n")));
        Assert.Multiple(() =>
        {
            Assert.That(off.Router.LiteLlm.PreCallRpm, Is.Null);
            Assert.That(on.Router.LiteLlm.PreCallRpm, Is.EqualTo(new double?[] { 60, 60, 60, 60, 60 }));
            Assert.That(off.Api.RequestsPerMinute, Is.EqualTo(1000));
            Assert.That(off.Warnings, Has.Some.Contains("before PR #24611"));
            Assert.That(on.Warnings, Has.None.Contains("before PR #24611"));
        });
    }

    [Test]
    public void TheWarningsReachTheCommandLine()
    {
        string scenario = Write(Config());
        var (code, output, error) = Fleetsim("validate", scenario);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("5 replicas"));
            Assert.That(error, Does.Contain("warning: ").And.Contain("general_settings"));
        });
    }

    [Test]
    public void TheImportedFleetAndLimitsRun()
    {
        string tight = Config().Replace("rpm: 600", "rpm: 30").Replace("rpm: 400", "rpm: 20");
        ScenarioSpec s = ScenarioLoader.LoadFile(Write(tight), [ScenarioOverride.Parse("horizon_hours=12")]);
        ScenarioRun minute = ScenarioRun.Of(s);
        ScenarioRun requests = ScenarioRun.Of(s, EngineChoice.Request);
        TestContext.Out.WriteLine(requests.Requests!.Requests);
        Assert.Multiple(() =>
        {
            Assert.That(minute.Engine, Is.EqualTo(EngineChoice.Request), "LiteLLM has no minute form, so run picks the request engine");
            Assert.That(minute.Fleet.Replicas, Is.EqualTo(5));
            Assert.That(minute.Fleet.Slots, Is.EqualTo(40));
            Assert.That(requests.Requests.Fleet.Slots, Is.EqualTo(40));
            // LiteLLM holds what 5 replicas cannot take on their semaphores, so the backlog is still
            // waiting when the 12 hours end; the API, at 50 requests a minute, takes no more than that.
            Assert.That(requests.Requests.Requests.Unfinished, Is.GreaterThan(0));
            Assert.That(requests.Warnings, Has.Some.Contains("still waiting for a slot when the horizon ended"));
            Assert.That(requests.Requests.Requests.Spilled, Is.LessThanOrEqualTo(50 * 12 * 60));
        });
    }

    public sealed record BadConfig(string Name, Func<string, string> Edit, string At, int Occurrence, string KeyPath, string Problem)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<BadConfig> BadConfigs() =>
    [
        new("a misspelt section", c => c.Replace("router_settings:", "router_setings:"),
            "router_setings:", 1, "router_setings", "did you mean router_settings?"),
        new("fallbacks that are not a list", c => c.Replace("  allowed_fails: 3\n", "  allowed_fails: 3\n  fallbacks: paid\n"),
            "fallbacks: paid", 1, "router_settings.fallbacks", "expected a list"),
        new("enable_pre_call_checks that is not a yes or no", c => c.Replace("  allowed_fails: 3\n", "  allowed_fails: 3\n  enable_pre_call_checks: sometimes\n"),
            "enable_pre_call_checks:", 1, "router_settings.enable_pre_call_checks", "expected true or false"),
        new("a negative max_parallel_requests", c => ReplaceNth(c, "max_parallel_requests: 12", "max_parallel_requests: -1", 2),
            "max_parallel_requests: -1", 1, "model_list[1].litellm_params.max_parallel_requests", "must be"),
    ];

    private static string ReplaceNth(string text, string find, string replace, int n)
    {
        int at = -1;
        for (int i = 0; i < n; i++)
        {
            at = text.IndexOf(find, at + 1, StringComparison.Ordinal);
        }
        return text[..at] + replace + text[(at + find.Length)..];
    }

    [TestCaseSource(nameof(BadConfigs))]
    public void ABadConfigIsOneLineWithFileLineAndKeyAndExitCodeTwo(BadConfig bad)
    {
        string config = bad.Edit(Config());
        string scenario = Write(config);
        var (code, output, error) = Fleetsim("run", scenario, "--engine", "request");
        string configPath = Path.Combine(_dir, "litellm.yaml");
        int line = LineOf(config, bad.At, bad.Occurrence);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error.TrimEnd('\n', '\r').Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.StartWith($"fleetsim: {configPath}:{line}:"));
            Assert.That(error, Does.Match($@"^fleetsim: .*litellm\.yaml:{line}:\d+: {Regex.Escape(bad.KeyPath)}: .*{Regex.Escape(bad.Problem)}"));
        });
    }

    [Test]
    public void AFleetSectionBesideTheConfigIsRefused()
    {
        string scenarioText = ScenarioYaml.Replace("router:\n", "fleet:\n  replicas: 4\nrouter:\n");
        string scenario = Write(Config(), scenarioText);
        var (code, _, error) = Fleetsim("run", scenario);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.Match($@"^fleetsim: .*scenario\.yaml:{LineOf(scenarioText, "replicas: 4")}:\d+: fleet: .*litellm_config"));
        });
    }

    [Test]
    public void AMissingConfigFileIsNamed()
    {
        string scenario = Write(Config(), ScenarioYaml.Replace("litellm_config: litellm.yaml", "litellm_config: nowhere.yaml"));
        var (code, _, error) = Fleetsim("validate", scenario);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain(Path.Combine(_dir, "nowhere.yaml")).And.Contain("no such file"));
        });
    }

    [Test]
    public void TheConfigIsFoundNextToTheScenarioNotInTheWorkingDirectory()
    {
        string scenario = Write(Config());
        string cwd = Environment.CurrentDirectory;
        Assert.That(File.Exists(Path.Combine(cwd, "litellm.yaml")), Is.False, "precondition");
        ScenarioSpec s = ScenarioLoader.LoadFile(scenario);
        Assert.That(s.Fleet, Is.EqualTo(new StaticFleet(5)));
    }
}
