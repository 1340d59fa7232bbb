using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Tests.Routing.Priorities;

namespace FleetSim.Tests.Traffic.Classes;

/// <summary>
/// Issue 18, deliverable 3, through a scenario: <c>traffic.classes[].priority</c> and <c>reserved_slots</c> are read
/// and refused at their line, the minute engine's bill splits the interactive spill by the reservation's closed
/// form, routers that cannot honour priorities refuse them (exit code 2), and LiteLLM's priority_reservation is
/// refused with what it does.
/// </summary>
public class PriorityScenarioTests
{
    private const string TwoClasses = "traffic.classes=[{name: chat, share: 0.5, priority: 0, reserved_slots: 2}, {name: agents, share: 0.5, priority: 10}]";

    private static string Yaml(string classes) =>
        ScenarioLoader.DefaultScenarioYaml().Replace("    cache_hit_share: 0.835\n", "    cache_hit_share: 0.835\n  classes:\n" + classes, StringComparison.Ordinal);

    private static int LineOf(string yaml, string text) => yaml.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [TestCase("    - {name: a, share: 0.5, priority: 256}\n    - {name: b, share: 0.5}\n", "priority: 256", "traffic.classes[0].priority", "255")]
    [TestCase("    - {name: a, share: 0.5, priority: 1.5}\n    - {name: b, share: 0.5}\n", "priority: 1.5", "traffic.classes[0].priority", "whole")]
    [TestCase("    - {name: a, share: 0.5}\n    - {name: b, share: 0.5, deadline_hours: 4, priority: 0}\n", "priority: 0", "traffic.classes[1].priority", "interactive")]
    [TestCase("    - {name: a, share: 0.5, priority: 0}\n    - {name: b, share: 0.5, priority: 9, reserved_slots: 4}\n", "reserved_slots: 4", "traffic.classes[1].reserved_slots", "no interactive class is less important")]
    [TestCase("    - {name: a, share: 0.5, reserved_slots: 4}\n    - {name: b, share: 0.5}\n", "reserved_slots: 4", "traffic.classes[0].reserved_slots", "no interactive class is less important")]
    [TestCase("    - {name: a, share: 0.5, priority: 0, reserved_slots: -1}\n    - {name: b, share: 0.5}\n", "reserved_slots: -1", "traffic.classes[0].reserved_slots", "")]
    public void BadPrioritiesAreRefusedAtTheirLine(string classes, string lineText, string key, string problem)
    {
        string yaml = Yaml(classes);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "classes.yaml", "classes"))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.StartWith($"classes.yaml:{LineOf(yaml, lineText)}:"));
            Assert.That(e.KeyPath, Is.EqualTo(key));
            Assert.That(e.Message, Does.Contain(problem));
        });
    }

    [Test]
    public void PrioritiesAreRead()
    {
        TrafficClasses classes = Scenarios.Seed(TwoClasses).Traffic.Classes!;
        Assert.Multiple(() =>
        {
            Assert.That(classes.Classes.Select(c => (c.Priority, c.ReservedSlots)), Is.EqualTo(new[] { (0, 2), (10, 0) }));
            Assert.That(classes.Classes.Select(classes.ReservedAbove), Is.EqualTo(new[] { 0, 2 }));
            Assert.That(Scenarios.Seed("traffic.classes=[{name: a, share: 1}]").Traffic.Classes!.Classes[0].Priority, Is.EqualTo(128));
        });
    }

    /// <summary>
    /// Three levels: a (0) reserves 3, b (5) reserves 2, c (9): c may not take the 3 + 2 slots the two above it keep,
    /// b not a's 3; a class shares a level's reservation with its equals (d, also 5, keeps b's 2 from c alone).
    /// </summary>
    [Test]
    public void ReservationsAddUpDownThePriorities()
    {
        TrafficClasses classes = Scenarios.Seed("traffic.classes=[{name: a, share: 0.25, priority: 0, reserved_slots: 3}, {name: b, share: 0.25, priority: 5, reserved_slots: 2}, " +
                                                "{name: d, share: 0.25, priority: 5}, {name: c, share: 0.25, priority: 9}]").Traffic.Classes!;
        Assert.That(classes.Classes.Select(classes.ReservedAbove), Is.EqualTo(new[] { 0, 3, 3, 5 }));
    }

    /// <summary>
    /// A flat load of 2 replicas' throughput (A = D·c/R = 16 erlangs) on 2 replicas × 8 slots, half chat (priority 0,
    /// 2 slots kept), half agents: each class is served its demand × (1 − Bᵢ) with Bᵢ from the 17-state chain (solved by
    /// the test's own reference), the agents spill more than chat, and the two add up to the bill.
    /// </summary>
    [Test]
    public void MinuteEngineSplitsTheSpillByTheReservation()
    {
        const double rate = 2 * 26_600;
        ScenarioSpec s = Scenarios.ConstantLoad(rate, 2, "spill", TwoClasses, "horizon_hours=24");
        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Minute, expectedMonth: true);
        double[] b = BirthDeathReference.Blocking(16, [8, 8], [0, 2]);
        double perClass = run.Demand.Total.Value / 2;
        var lines = run.Bill.ByClass;
        Assert.Multiple(() =>
        {
            Assert.That(run.Demand.Rate.ToArray(), Has.All.EqualTo(rate).Within(1e-6), "a flat load");
            Assert.That(lines[0].Tokens.SelfHosted.Value, Is.EqualTo(perClass * (1 - b[0])).Within(1e-9).Percent);
            Assert.That(lines[1].Tokens.SelfHosted.Value, Is.EqualTo(perClass * (1 - b[1])).Within(1e-9).Percent);
            Assert.That(lines[0].Tokens.Spilled.Value, Is.EqualTo(perClass * b[0]).Within(1e-9).Percent);
            Assert.That(lines[1].Tokens.Spilled.Value, Is.EqualTo(perClass * b[1]).Within(1e-9).Percent);
            Assert.That(b[1], Is.GreaterThan(2 * b[0]));
            Assert.That(lines.Sum(l => l.Tokens.SelfHosted.Value), Is.EqualTo(run.Bill.SelfHosted.Value).Within(1e-9).Percent);
            Assert.That(lines.Sum(l => l.Tokens.Spilled.Value), Is.EqualTo(run.Bill.Spilled.Value).Within(1e-9).Percent);
        });
    }

    /// <summary>
    /// The same flat case on the request engine (about 54,000 requests in 24 h, lognormal sizes): each class's spilled
    /// share of its tokens is within 0.02 of the closed form's Bᵢ, and the class lines add up to the bill.
    /// </summary>
    [Test]
    public void RequestEngineSplitsTheSpillByTheReservation()
    {
        ScenarioSpec s = Scenarios.ConstantLoad(2 * 26_600, 2, "spill", TwoClasses, "horizon_hours=24");
        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Request, expectedMonth: true);
        double[] b = BirthDeathReference.Blocking(16, [8, 8], [0, 2]);
        var lines = run.Bill.ByClass;
        Assert.Multiple(() =>
        {
            for (int i = 0; i < 2; i++)
            {
                double spilled = (lines[i].Tokens.Spilled.Value + lines[i].Tokens.Dropped.Value) / lines[i].Tokens.Demand.Value;
                TestContext.Out.WriteLine($"class {i}: request engine {spilled:F4}, closed form {b[i]:F4}");
                Assert.That(spilled, Is.EqualTo(b[i]).Within(0.02), $"class {i}");
            }
            Assert.That(lines.Sum(l => l.Tokens.SelfHosted.Value), Is.EqualTo(run.Bill.SelfHosted.Value).Within(1e-9).Percent);
            Assert.That(lines.Sum(l => l.Tokens.Spilled.Value), Is.EqualTo(run.Bill.Spilled.Value).Within(1e-9).Percent);
            Assert.That(lines.Sum(l => l.Tokens.Demand.Value), Is.EqualTo(run.Bill.Demand.Value).Within(1e-9).Percent);
        });
    }

    /// <summary>Priorities without reserved slots change nothing under the spill router: the same bill, class by class, and a warning saying so.</summary>
    [Test]
    public void PrioritiesWithoutReservationChangeNothingUnderSpill()
    {
        const string plain = "traffic.classes=[{name: chat, share: 0.6}, {name: agents, share: 0.3}, {name: bulk, share: 0.1, deadline_hours: 12}]";
        const string ranked = "traffic.classes=[{name: chat, share: 0.6, priority: 0}, {name: agents, share: 0.3, priority: 200}, {name: bulk, share: 0.1, deadline_hours: 12}]";
        ScenarioRun a = ScenarioRun.Of(Scenarios.Seed(plain));
        ScenarioRun b = ScenarioRun.Of(Scenarios.Seed(ranked));
        Assert.Multiple(() =>
        {
            Assert.That(b.Bill.ByClass, Is.EqualTo(a.Bill.ByClass));
            Assert.That(b.Bill.Total, Is.EqualTo(a.Bill.Total));
            Assert.That(b.Warnings, Has.Some.Contains("priority changes nothing under router.mode spill"));
        });
    }

    [TestCase("spill", "priority: 0, reserved_slots: 2", null, "")]
    [TestCase("queue", "priority: 0, reserved_slots: 2", "router.patience_seconds=30", "reserved_slots keeps slots of a spill router")]
    [TestCase("fluid", "priority: 0, reserved_slots: 2", null, "no slots to reserve")]
    [TestCase("cooldown", "priority: 0", null, "models none")]
    [TestCase("litellm", "priority: 0", null, "models none")]
    [TestCase("queue", "priority: 0", "router.patience_seconds=30", "")]
    [TestCase("queue", "priority: 0", "router.patience_seconds=30", "no minute closed form", "minute")]
    public void RoutersThatCannotHonourPrioritiesRefuseThem(string router, string top, string? extra, string problem, string engine = "auto")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string classes = $"traffic.classes=[{{name: chat, share: 0.5, {top}}}, {{name: agents, share: 0.5, priority: 10}}]";
        string[] args = ["run", "--router", router, "--engine", engine, "--set", classes, "--set", "horizon_hours=24", .. extra is null ? Array.Empty<string>() : ["--set", extra]];
        int code = FleetSim.Cli.Cli.Run(args, stdout, stderr);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(problem.Length == 0 ? 0 : 2), stderr.ToString());
            Assert.That(stderr.ToString(), Does.Contain(problem));
            Assert.That(stderr.ToString(), Does.Not.Contain("internal error").And.Not.Contain("   at "));
            if (problem.Length > 0)
            {
                Assert.That(stderr.ToString(), Does.Contain("traffic.classes"));
            }
        });
    }

    [Test]
    public void LiteLlmPriorityReservationIsRefusedWithWhatItDoes()
    {
        string dir = Directory.CreateTempSubdirectory("fleetsim-priority-").FullName;
        File.WriteAllText(Path.Combine(dir, "litellm.yaml"), """
            model_list:
              - model_name: kimi
                litellm_params: { model: hosted_vllm/kimi, order: 1, max_parallel_requests: 8 }
              - model_name: kimi
                litellm_params: { model: moonshot/kimi, order: 2 }
            litellm_settings:
              priority_reservation: { prod: 0.9, dev: 0.1 }
            """);
        string scenario = Path.Combine(dir, "scenario.yaml");
        File.WriteAllText(scenario, """
            traffic:
              monthly_processed_tokens: 583B
              daily_shape: { hourly_percentiles: { trough: 110K, p50: 222K, p90: 290K, p99: 327K } }
              request_mix: { processed_tokens: 85K, output_tokens: 1K, cache_hit_share: 0.835 }
            replica: { gpus: 4, gpus_per_node: 8, processed_tokens_per_second: 26.6K, max_in_flight: 8, usd_per_gpu_hour: 6 }
            router: { litellm_config: litellm.yaml }
            api: { usd_per_million_tokens: 0.317 }
            """);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(scenario))!;
        Assert.That(e.Message, Does.Contain("litellm_settings.priority_reservation").And.Contain("rate quota per key").And.Contain("--allow-unmodelled"));
    }
}
