using System.Reflection;
using System.Text.Json;
using CommandLine;
using FleetSim.Cli;
using FleetSim.Cli.Verbs;

namespace FleetSim.Tests.Cli;

/// <summary>
/// The conventions every verb shares (issue 19, deliver 1): -h/--help and --version exit 0, --format table|md|json
/// with --json its alias, --quiet, --seed, --input-format for traces, and --out that refuses a previous run's files
/// unless --force, checked before any work.
/// </summary>
public class CliConventionsTests
{
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    internal static readonly Type[] VerbTypes = [.. typeof(global::FleetSim.Cli.Cli).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<VerbAttribute>() is not null)
        .OrderBy(t => t.GetCustomAttribute<VerbAttribute>()!.Name, StringComparer.Ordinal)];

    private static IEnumerable<string> VerbNames() => VerbTypes.Select(t => t.GetCustomAttribute<VerbAttribute>()!.Name);

    private static (int Code, string Out, string Err) Fleetsim(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string TempDir() => Directory.CreateTempSubdirectory("fleetsim-conventions-").FullName;

    private static string Flags(string verb) =>
        string.Join(' ', VerbTypes.Single(t => t.GetCustomAttribute<VerbAttribute>()!.Name == verb).GetProperties()
            .Select(p => p.GetCustomAttribute<OptionAttribute>()?.LongName).OfType<string>());

    /// <summary>The parser's list of verbs is every options class that carries a verb: a new verb cannot be left out of it.</summary>
    [Test]
    public void TheParsersVerbListIsEveryVerbClass()
    {
        Assert.That(OptionClasses.All, Is.EquivalentTo(VerbTypes));
        Assert.That(OptionClasses.Verbs.Keys, Is.EquivalentTo(VerbNames()));
    }

    /// <summary>A verb that reads no scenario refuses --set rather than ignoring it.</summary>
    [TestCase("merge", "out/sweep")]
    [TestCase("trace", "summarize", "scenarios/traces/openai-usage-week.csv")]
    [TestCase("replica", "fit", "scenarios/replicas/benchmarks/vllm-c1.json")]
    public void AVerbWithoutAScenarioRefusesSet(params string[] args)
    {
        var (code, output, err) = Fleetsim([.. args, "--set", "fleet.replicas=6"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain($"--set: 'fleetsim {args[0]}' reads no scenario"));
        });
    }

    [Test]
    public void EveryVerbIsCovered() =>
        Assert.That(VerbNames(), Is.EquivalentTo(new[] { "compare", "merge", "plan", "replica", "report", "run", "sweep", "tiers", "trace", "validate" }));

    [TestCaseSource(nameof(VerbNames))]
    public void DashHAndDashDashHelpPrintTheUsageAndEveryExampleOnWholeLines(string verb)
    {
        Type type = VerbTypes.Single(t => t.GetCustomAttribute<VerbAttribute>()!.Name == verb);
        foreach (string flag in new[] { "-h", "--help" })
        {
            var (code, output, err) = Fleetsim(verb, flag);
            string[] lines = output.Split(Environment.NewLine);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(ExitCode.Ok), $"{verb} {flag}: {err}");
                Assert.That(err, Is.Empty);
                Assert.That(lines, Does.Contain("  " + HelpPage.Usage(type)), "the usage line, unwrapped");
                Assert.That(HelpPage.Examples(type), Is.Not.Empty);
                foreach (VerbExample e in HelpPage.Examples(type))
                {
                    Assert.That(lines, Does.Contain("    " + e.Line), "an example on a line of its own");
                }
            });
        }
    }

    [TestCaseSource(nameof(VerbNames))]
    public void VersionExitsZeroOnEveryVerb(string verb)
    {
        var (code, output, _) = Fleetsim(verb, "--version");
        Assert.That(code, Is.EqualTo(ExitCode.Ok));
        Assert.That(output, Is.EqualTo($"fleetsim {Invocation.Version}{Environment.NewLine}"));
    }

    [TestCaseSource(nameof(VerbNames))]
    public void EveryVerbTakesQuiet(string verb) => Assert.That(Flags(verb).Split(' '), Does.Contain("quiet"));

    /// <summary>The verbs that draw random numbers (failures, preemptions, noise, arrivals) take --seed; the others do not pretend to.</summary>
    [TestCase("run", true)]
    [TestCase("compare", true)]
    [TestCase("sweep", true)]
    [TestCase("report", true)]
    [TestCase("tiers", true)]
    [TestCase("plan", true)]
    [TestCase("merge", false)]
    [TestCase("trace", false)]
    [TestCase("validate", false)]
    public void SeedWhereRandomNumbersAreDrawn(string verb, bool draws) =>
        Assert.That(Flags(verb).Split(' ').Contains("seed"), Is.EqualTo(draws));

    /// <summary>What each verb may print, by --format; --json is its alias on each.</summary>
    [TestCase("run", "table json")]
    [TestCase("compare", "table json")]
    [TestCase("sweep", "table json")]
    [TestCase("merge", "table json")]
    [TestCase("report", "table json")]
    [TestCase("tiers", "table md json")]
    [TestCase("plan", "table json")]
    public void FormatNamesWhatIsPrintedAndJsonIsItsAlias(string verb, string styles)
    {
        string[] flags = Flags(verb).Split(' ');
        string meta = VerbTypes.Single(t => t.GetCustomAttribute<VerbAttribute>()!.Name == verb).GetProperties()
            .Select(p => p.GetCustomAttribute<OptionAttribute>()).Single(o => o?.LongName == "format")!.MetaValue;
        Assert.Multiple(() =>
        {
            Assert.That(flags, Does.Contain("json"));
            Assert.That(meta, Is.EqualTo(styles.Replace(' ', '|')));
        });
        var (code, output, err) = Fleetsim([verb, .. verb == "merge" ? new[] { "shard-1", "shard-2" } : [], "--format", "yaml"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(output, Is.Empty);
            string expected = string.Join(styles.Count(c => c == ' ') == 1 ? " or " : ", ", styles.Split(' ').Select(s => $"'{s}'"));
            Assert.That(err, Is.EqualTo($"fleetsim: --format: expected {expected}, found 'yaml'{Environment.NewLine}"));
        });
    }

    [TestCase("azure")]
    [TestCase("per-minute")]
    public void ATraceInputFormatGivenToFormatPointsToInputFormat(string format)
    {
        var (code, output, err) = Fleetsim("trace", "summarize", "scenarios/traces/openai-usage-week.csv", "--format", format);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(output, Is.Empty);
            Assert.That(err, Is.EqualTo($"fleetsim: --format: '{format}' is a trace input format: use --input-format {format}{Environment.NewLine}"));
        });
    }

    [Test]
    public void JsonWithAnotherFormatIsRefused()
    {
        var (code, _, err) = Fleetsim("tiers", "--json", "--format", "md");
        Assert.That(code, Is.EqualTo(ExitCode.BadInput));
        Assert.That(err, Is.EqualTo($"fleetsim: --json: is --format json, so it cannot go with --format md{Environment.NewLine}"));
    }

    /// <summary>Issue 19: "tiers --format md > file ends with a Wrote line". The Markdown is all of stdout; the note goes to stderr, and --quiet drops it.</summary>
    [Test]
    public void TiersMarkdownOnStdoutIsOnlyTheMarkdown()
    {
        string dir = TempDir();
        string[] args = ["tiers", "--spend", "185K", "--set", "scaling.policies=[floor]", "--format", "md"];
        var (code, md, err) = Fleetsim([.. args, "--out", Path.Combine(dir, "a")]);
        var (quietCode, quietMd, quietErr) = Fleetsim([.. args, "--out", Path.Combine(dir, "b"), "--quiet"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(md, Does.StartWith("| API spend/month |").And.Not.Contain("Wrote"));
            Assert.That(md.TrimEnd().Split('\n')[^1], Does.StartWith("- $185K/month: "), "the last line is the tier's verdict");
            Assert.That(err, Is.EqualTo($"  Wrote {Path.Combine(dir, "a", "tiers.md")}, {Path.Combine(dir, "a", "tiers.json")}, {Path.Combine(dir, "a", "tiers.png")}{Environment.NewLine}"));
            Assert.That(quietCode, Is.EqualTo(0));
            Assert.That(quietMd, Is.EqualTo(md), "--quiet never drops the result");
            Assert.That(quietErr, Is.Empty);
        });
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void OutRefusesAPreviousRunsFilesUnlessForce()
    {
        string dir = Path.Combine(TempDir(), "seed");
        string[] run = ["run", "--set", "horizon_hours=24", "--out", dir];
        var first = Fleetsim(run);
        File.WriteAllText(Path.Combine(dir, "bill.txt"), "kept");
        var second = Fleetsim(run);
        string kept = File.ReadAllText(Path.Combine(dir, "bill.txt"));
        var forced = Fleetsim([.. run, "--force"]);
        Assert.Multiple(() =>
        {
            Assert.That(first.Code, Is.EqualTo(0), first.Err);
            Assert.That(second.Code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(second.Out, Is.Empty, "refused before the work, so no bill is printed");
            Assert.That(second.Err, Is.EqualTo(
                $"fleetsim: --out {dir}: holds a previous run's files (bill.json, bill.txt, minutes.csv); add --force to overwrite them, or give another --out{Environment.NewLine}"));
            Assert.That(kept, Is.EqualTo("kept"));
            Assert.That(forced.Code, Is.EqualTo(0), forced.Err);
            Assert.That(File.ReadAllText(Path.Combine(dir, "bill.txt")), Does.StartWith("FleetSim · cline-k2-floor"));
        });
        Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
    }

    /// <summary>
    /// Each verb checks its --out before its work: given a scenario it could not even load (a negative price) or a
    /// trace that is not there, the refusal it gives is the --out one, so no minutes of simulation come first.
    /// </summary>
    [TestCase("run", "bill.json")]
    [TestCase("compare", "compare.png")]
    [TestCase("sweep", "runs.csv")]
    [TestCase("report", "report.html")]
    [TestCase("tiers", "tiers.md")]
    [TestCase("plan", "plan.json")]
    [TestCase("trace summarize", "profile.png")]
    [TestCase("trace fit", "traffic.yaml")]
    [TestCase("merge", "sweep.json")]
    public void OutIsCheckedBeforeTheWork(string verb, string previous)
    {
        string dir = TempDir();
        File.WriteAllText(Path.Combine(dir, previous), "a previous run");
        string[] args = verb switch
        {
            "trace summarize" or "trace fit" => [.. verb.Split(' '), Path.Combine(dir, "no-such-trace.csv")],
            "merge" => ["merge", Path.Combine(dir, "no-such-shard-1"), Path.Combine(dir, "no-such-shard-2")],
            _ => [verb, "--set", "replica.usd_per_gpu_hour=-6"],
        };
        var (code, _, err) = Fleetsim([.. args, "--out", dir]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput));
            Assert.That(err, Does.StartWith($"fleetsim: --out {dir}: holds a previous run's files ({previous}"));
            Assert.That(File.ReadAllText(Path.Combine(dir, previous)), Is.EqualTo("a previous run"));
        });
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>With --force, a previous run's file this run does not write is removed: a shard over a whole sweep leaves no stale sweep.png.</summary>
    [Test]
    public void ForceLeavesNoFileOfThePreviousRun()
    {
        string dir = Path.Combine(TempDir(), "sweep");
        string[] sweep = ["sweep", "--runs", "2", "--policies", "floor", "--set", "horizon_hours=24", "--out", dir, "--quiet"];
        var whole = Fleetsim(sweep);
        bool chartBefore = File.Exists(Path.Combine(dir, "sweep.png"));
        var shard = Fleetsim([.. sweep, "--shard", "1/2", "--force"]);
        Assert.Multiple(() =>
        {
            Assert.That(whole.Code, Is.EqualTo(0), whole.Err);
            Assert.That(chartBefore, Is.True);
            Assert.That(shard.Code, Is.EqualTo(0), shard.Err);
            Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "runs.csv", "summary.csv", "sweep.json" }));
            Assert.That(shard.Err, Is.Empty, "--quiet drops the shard's hint and the Wrote line");
        });
        Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
    }

    /// <summary>compare draws replica failures: --seed decides them (same seed, same comparison; another, another).</summary>
    [Test]
    public void CompareSeedDecidesTheFailures()
    {
        string dir = TempDir();
        string Compare(int seed, string name)
        {
            var (code, json, err) = Fleetsim("compare", "--policies", "floor", "--set", "scaling.failures={mtbf_hours: 50, mttr_hours: 5}",
                                             "--set", "horizon_hours=168", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                                             "--json", "--out", Path.Combine(dir, name));
            Assert.That(code, Is.EqualTo(0), err);
            return json;
        }
        string one = Compare(1, "a"), again = Compare(1, "b"), two = Compare(2, "c");
        using JsonDocument doc = JsonDocument.Parse(two);
        Assert.Multiple(() =>
        {
            Assert.That(JsonOutputs.WithoutProvenance(again), Is.EqualTo(JsonOutputs.WithoutProvenance(one)));
            Assert.That(JsonOutputs.WithoutProvenance(two), Is.Not.EqualTo(JsonOutputs.WithoutProvenance(one)));
            Assert.That(doc.RootElement.GetProperty("provenance").GetProperty("seed").GetInt32(), Is.EqualTo(2));
        });
        Directory.Delete(dir, recursive: true);
    }

    [TestCase("compare")]
    [TestCase("tiers")]
    [TestCase("report")]
    [TestCase("plan")]
    public void ANegativeSeedIsRefused(string verb)
    {
        var (code, _, err) = Fleetsim(verb, "--seed", "-1");
        Assert.That(code, Is.EqualTo(ExitCode.BadInput));
        Assert.That(err, Is.EqualTo($"fleetsim: --seed: must be at least 0 (got -1){Environment.NewLine}"));
    }

    /// <summary>report takes --policies and prints JSON: the comparison holds exactly the policies asked for.</summary>
    [Test]
    public void ReportTakesPoliciesAndPrintsJson()
    {
        string dir = Path.Combine(TempDir(), "report");
        var (code, json, err) = Fleetsim("report", "--policies", "floor,breakeven", "--set", "horizon_hours=24", "--json", "--out", dir);
        Assert.That(code, Is.EqualTo(0), err);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        string[] policies = [.. root.GetProperty("compare").GetProperty("policies").EnumerateArray().Select(p => p.GetProperty("policy").GetString()!)];
        Assert.Multiple(() =>
        {
            Assert.That(policies, Is.EqualTo(new[] { "floor", "breakeven" }));
            Assert.That(root.GetProperty("provenance").GetProperty("overrides").EnumerateArray().Select(o => o.GetString()),
                        Does.Contain("scaling.policies=[floor, breakeven]"));
            Assert.That(root.GetProperty("bill").GetProperty("all_api_usd").GetDouble(), Is.GreaterThan(0));
            Assert.That(err, Does.StartWith("  Wrote "));
        });
        Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
    }

    /// <summary>
    /// trace summarize prices the month at the scenario's API price and says whose price it is. The day trace has
    /// 100,080 requests of 85,000 processed tokens (24 × Σ_{k=0}^{59}(40 + k) = 24 × 4,170 requests): 8.5068B tokens a
    /// day, 258.8B over 730 hours; at $0.50/M that is $129.4K, at the default's $0.317/M $82.0K.
    /// </summary>
    [Test]
    public void TraceSummarizePricesAtTheScenariosApiPriceAndSaysWhose()
    {
        string dir = TempDir();
        string trace = Path.Combine(dir, "day.csv");
        File.WriteAllLines(trace, ["minute,requests,input_tokens,output_tokens",
            .. Enumerable.Range(0, 1440).Select(m => $"{m},{40 + m % 60},{84_000 * (40 + m % 60)},{1_000 * (40 + m % 60)}")]);
        string scenario = Path.Combine(dir, "dear.yaml");
        File.WriteAllText(scenario, global::FleetSim.Scenario.ScenarioLoader.DefaultScenarioYaml()
            .Replace("usd_per_million_tokens: 0.317", "usd_per_million_tokens: 0.5", StringComparison.Ordinal));
        var (code, text, err) = Fleetsim("trace", "summarize", trace, "--scenario", scenario, "--out", Path.Combine(dir, "a"));
        var (defaultCode, defaultText, _) = Fleetsim("trace", "summarize", trace, "--out", Path.Combine(dir, "b"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(text, Does.StartWith($"FleetSim trace · {trace} (per-minute)"), "the format as --input-format spells it");
            Assert.That(text, Does.Contain($"259B processed tokens ($129K at $0.500/M, the API price of {scenario})"));
            Assert.That(defaultCode, Is.EqualTo(0));
            Assert.That(defaultText, Does.Contain("259B processed tokens ($82K at $0.317/M, the built-in default scenario's API price; --scenario FILE for yours)"));
        });
        Directory.Delete(dir, recursive: true);
    }
}
