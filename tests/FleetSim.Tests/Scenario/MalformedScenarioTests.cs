using FleetSim.Cli;
using FleetSim.Scenario;
using NUnit.Framework;

namespace FleetSim.Tests.Scenario;

/// <summary>
/// Every malformed scenario gets one compiler-style line on stderr (where, which key, what is wrong),
/// exit code 2, nothing on stdout and nothing written to --out. Each case is the reference scenario
/// (scenarios/cline-k2-floor.yaml) with one textual edit, so everything else in the file stays valid.
/// </summary>
[TestFixture]
public sealed class MalformedScenarioTests
{
    /// <summary>The reference scenario; the built-in default is this very file, embedded.</summary>
    private static readonly string Reference = ScenarioLoader.DefaultScenarioYaml();

    private const string PercentileShape =
        "    hourly_percentiles:             # hourly means from three days of gateway data, tok/s\n" +
        "      trough: 110K                  # overnight\n" +
        "      p50: 222K\n" +
        "      p90: 290K\n" +
        "      p99: 327K\n" +
        "    peak_hour: 15                   # the busiest hour of the day starts at 15:00\n";

    private string _dir = "";
    private string _file = "";
    private string _outDir = "";

    /// <summary>
    /// One malformed file. <paramref name="At"/> is a snippet of the edited file whose line the message
    /// must name (null when there is no line to name); <paramref name="KeyPath"/> is empty when the
    /// problem belongs to no key (the file is not YAML at all).
    /// </summary>
    public sealed record FileCase(string Name, Func<string, string?> Edit, string? At, string KeyPath, string Problem)
    {
        public override string ToString() => Name;
    }

    /// <summary>One bad --set on the valid reference file; the message starts with <paramref name="Location"/>.</summary>
    public sealed record SetCase(string Name, string[] SetArgs, string Location, string KeyPath, string Problem)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<TestCaseData> FileCases() => new FileCase[]
    {
        new("unknown top-level key suggests the section meant",
            Replace("\nreplica:", "\nreplcia:"), "replcia:", "replcia", "unknown key (did you mean 'replica'?)"),
        new("unknown nested key lists the allowed keys",
            Replace("  max_in_flight: 8\n", "  max_in_flight: 8\n  colour: blue\n"), "colour: blue", "replica.colour",
            "unknown key; allowed here: gpus, gpus_per_node"),
        new("misspelt nested key suggests the key meant",
            Replace("  max_in_flight: 8", "  max_inflight: 8"), "max_inflight: 8", "replica.max_inflight",
            "unknown key (did you mean 'max_in_flight'?)"),
        new("misspelt percentile suggests the key meant",
            Replace("      trough: 110K", "      through: 110K"), "through: 110K", "traffic.daily_shape.hourly_percentiles.through",
            "unknown key (did you mean 'trough'?)"),
        new("absurd GPU price is refused, not overflowed",
            Replace("usd_per_gpu_hour: 6", "usd_per_gpu_hour: 1e308"), "usd_per_gpu_hour: 1e308", "replica.usd_per_gpu_hour",
            "must be at most 10000 (got 1e308)"),
        new("absurd max_in_flight is refused, not overflowed",
            Replace("  max_in_flight: 8", "  max_in_flight: 2000000000"), "max_in_flight: 2000000000", "replica.max_in_flight",
            "must be at most 10000"),
        new("absurd horizon is refused",
            Replace("horizon_hours: 730", "horizon_hours: 2000000000"), "horizon_hours: 2000000000", "horizon_hours",
            "must be at most 87600"),
        new("negative GPU price",
            Replace("usd_per_gpu_hour: 6", "usd_per_gpu_hour: -2"), "usd_per_gpu_hour: -2", "replica.usd_per_gpu_hour",
            "must be at least 0.01 (got -2)"),
        new("zero replica throughput",
            Replace("processed_tokens_per_second: 26.6K", "processed_tokens_per_second: 0"), "processed_tokens_per_second: 0",
            "replica.processed_tokens_per_second", "must be greater than 0 (got 0)"),
        new("negative API price",
            Replace("usd_per_million_tokens: 0.317", "usd_per_million_tokens: -0.317"), "usd_per_million_tokens: -0.317",
            "api.usd_per_million_tokens", "must be at least 0.001 (got -0.317)"),
        new("missing api section",
            Replace("\napi:\n  usd_per_million_tokens: 0.317     # blended (cached input is cheaper)\n", "\n"),
            "name: cline-k2-floor", "api", "is a required section but missing"),
        new("a throughput curve that falls",
            Replace("  processed_tokens_per_second: 26.6K\n", "  throughput_curve: [[1, 9000], [4, 20000], [8, 19000]]\n"), "throughput_curve:",
            "replica.throughput_curve", "point 3: throughput falls from 20000 tok/s at 4 in flight to 19000 at 8; set max_in_flight at the peak"),
        new("a throughput curve that stops short of max_in_flight",
            Replace("  processed_tokens_per_second: 26.6K\n", "  throughput_curve: [[1, 9000], [4, 20000]]\n"), "throughput_curve:",
            "replica.throughput_curve", "ends at 4 in flight, short of max_in_flight 8"),
        new("a throughput curve beside a different processed_tokens_per_second",
            Replace("  max_in_flight: 8\n", "  max_in_flight: 8\n  throughput_curve: [[1, 9000], [8, 30000]]\n"), "processed_tokens_per_second: 26.6K",
            "replica.processed_tokens_per_second", "is 26600 but throughput_curve gives 30000 at max_in_flight 8"),
        new("a throughput curve point that is not a pair",
            Replace("  processed_tokens_per_second: 26.6K\n", "  throughput_curve: [[1, 9000], 8]\n"), "throughput_curve:",
            "replica.throughput_curve", "point 2: expected [in_flight, processed_tokens_per_second], found '8'"),
        new("a throughput curve with in flight out of order",
            Replace("  processed_tokens_per_second: 26.6K\n", "  throughput_curve: [[4, 20000], [2, 26600], [8, 26600]]\n"), "throughput_curve:",
            "replica.throughput_curve", "point 2: in flight must rise from point to point (4 then 2)"),
        new("missing replica.gpus",
            Replace("  gpus: 4\n", ""), "gpus_per_node: 8", "replica.gpus", "is required but missing"),
        new("section where a number is expected",
            Replace("  max_in_flight: 8", "  max_in_flight:\n    value: 8"), "value: 8", "replica.max_in_flight",
            "expected a number, found a section of keys"),
        new("list where a section is expected",
            Replace("  mode: spill ", "  - spill "), "- spill", "router", "expected a section of keys, found a list"),
        new("text where a number is expected",
            Replace("monthly_processed_tokens: 583B", "monthly_processed_tokens: lots"), "monthly_processed_tokens: lots",
            "traffic.monthly_processed_tokens", "expected a number, found 'lots'"),
        new("no value where a number is expected",
            Replace("usd_per_gpu_hour: 6", "usd_per_gpu_hour:"), "usd_per_gpu_hour:", "replica.usd_per_gpu_hour",
            "expected a number, found nothing"),
        new("non-integer gpus",
            Replace("  gpus: 4\n", "  gpus: 4.5\n"), "gpus: 4.5", "replica.gpus", "expected a whole number, found 4.5"),
        new("cache_hit_share of 1",
            Replace("cache_hit_share: 0.835", "cache_hit_share: 1"), "cache_hit_share: 1", "traffic.request_mix.cache_hit_share",
            "must be below 1 (got 1)"),
        new("cache_hit_share above 1",
            Replace("cache_hit_share: 0.835", "cache_hit_share: 1.2"), "cache_hit_share: 1.2", "traffic.request_mix.cache_hit_share",
            "must be below 1 (got 1.2)"),
        new("percentiles that do not rise (p90 below p50)",
            Replace("p90: 290K", "p90: 200K"), "p90: 200K", "traffic.daily_shape.hourly_percentiles.p90",
            "must be at least p50 (222000)"),
        new("hourly with 23 values",
            Replace(PercentileShape, $"    hourly: [{Levels(23, "1")}]\n"), "hourly: [", "traffic.daily_shape.hourly",
            "expected 24 hourly levels (hour 0 to 23), found 23"),
        new("hourly all zeros",
            Replace(PercentileShape, $"    hourly: [{Levels(24, "0")}]\n"), "hourly: [", "traffic.daily_shape.hourly",
            "all 24 levels are zero"),
        new("hourly with text among the levels",
            Replace(PercentileShape, $"    hourly: [lots, {Levels(23, "1")}]\n"), "hourly: [", "traffic.daily_shape.hourly[0]",
            "expected a number, found 'lots'"),
        new("both hourly and hourly_percentiles",
            Replace("    peak_hour: 15 ", $"    hourly: [{Levels(24, "1")}]\n    peak_hour: 15 "), "hourly_percentiles:",
            "traffic.daily_shape", "give exactly one of 'hourly' (24 levels) or 'hourly_percentiles'"),
        new("peak_hour with hourly",
            Replace(PercentileShape, $"    hourly: [{Levels(24, "1")}]\n    peak_hour: 15\n"), "peak_hour: 15",
            "traffic.daily_shape.peak_hour", "goes with 'hourly_percentiles'"),
        new("peak_hour 24",
            Replace("peak_hour: 15", "peak_hour: 24"), "peak_hour: 24", "traffic.daily_shape.peak_hour", "must be from 0 to 23 (got 24)"),
        new("output_tokens not below processed_tokens",
            Replace("output_tokens: 1K", "output_tokens: 85K"), "output_tokens: 85K", "traffic.request_mix.output_tokens",
            "must be less than processed_tokens (85000)"),
        new("replica gpus more than gpus_per_node",
            Replace("  gpus: 4\n", "  gpus: 16\n"), "gpus: 16", "replica.gpus", "a replica of 16 GPUs does not fit on a node of 8"),
        new("unknown router mode",
            Replace("mode: spill", "mode: roundrobin"), "mode: roundrobin", "router.mode", "expected 'spill', 'fluid', 'queue', 'cooldown' or 'litellm', found 'roundrobin'"),
        new("fleet.replicas as text",
            Replace("replicas: floor", "replicas: lots"), "replicas: lots", "fleet.replicas",
            "expected a whole number of replicas or 'floor', found 'lots'"),
        new("fleet.replicas negative",
            Replace("replicas: floor", "replicas: -1"), "replicas: -1", "fleet.replicas", "must be at least 0 (got -1)"),
        new("horizon_hours zero",
            Replace("horizon_hours: 730", "horizon_hours: 0"), "horizon_hours: 0", "horizon_hours", "must be at least 1 (got 0)"),
        new("key written twice",
            Replace("  max_in_flight: 8\n", "  max_in_flight: 8\n  gpus: 2\n"), "gpus: 2", "replica.gpus",
            "is written twice in one section (first at line "),
        new("alias to no anchor",
            Replace("  gpus: 4\n", "  gpus: *four\n"), "gpus: *four", "replica.gpus", "*four refers to no anchor &four"),
        new("bad indentation",
            Replace("  gpus_per_node: 8", "   gpus_per_node: 8"), "   gpus_per_node: 8", "", "not valid YAML"),
        new("tab in the indentation",
            Replace("  gpus: 4\n", "\tgpus: 4\n"), "\tgpus: 4", "", "not valid YAML: While scanning a mapping, found invalid tab as indentation"),
        new("unclosed bracket",
            Replace("weekday_factor: 1.0", "weekday_factor: [1.0"), "weekday_factor: [1.0", "", "not valid YAML: this '[' is never closed"),
        new("unclosed brace",
            Replace("weekday_factor: 1.0", "weekday_factor: {x: 1.0"), "weekday_factor: {x: 1.0", "", "not valid YAML: this '{' is never closed"),
        new("two YAML documents",
            Replace("\napi:", "\n---\napi:"), null, "", "holds more than one YAML document"),
        new("a list instead of a scenario",
            _ => "- traffic\n- replica\n- api\n", "- traffic", "", "a scenario is a section of keys"),
        new("empty file",
            _ => "", null, "", "the file is empty"),
        new("file with only comments",
            _ => "# nothing here yet\n", null, "", "the file is empty"),
        new("file that does not exist",
            _ => null, null, "", "no such file"),
    }.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    public static IEnumerable<TestCaseData> SetCases() => new SetCase[]
    {
        new("--set a value out of range", ["--set", "replica.usd_per_gpu_hour=-1"],
            "--set replica.usd_per_gpu_hour=-1", "replica.usd_per_gpu_hour", "must be at least 0.01 (got -1)"),
        new("--set an unknown top-level key", ["--set", "nokey=3"], "--set nokey=3", "nokey", "unknown key; allowed here: name, horizon_hours"),
        new("--set a misspelt nested key", ["--set", "replica.gpuz=4"], "--set replica.gpuz=4", "replica.gpuz",
            "unknown key (did you mean 'gpus'?)"),
        new("--set a key under a value", ["--set", "fleet.replicas.x=1"], "--set fleet.replicas.x=1", "fleet.replicas",
            "is a value, not a section"),
        new("--set without '='", ["--set", "foo"], "--set foo", "", "expected key.path=value"),
        new("--set with an empty key", ["--set", "replica..gpus=3"], "--set replica..gpus=3", "", "is not a key path"),
        new("--set without a value", ["--set", "replica.gpus="], "--set replica.gpus=", "replica.gpus", "has no value after '='"),
        new("--set a value that is not YAML", ["--set", "replica.gpus=[1"], "--set replica.gpus=[1", "replica.gpus",
            "the value is not valid YAML"),
        new("--set=key=value with a bad value", ["--set=router.mode=rr"], "--set router.mode=rr", "router.mode",
            "expected 'spill', 'fluid', 'queue', 'cooldown' or 'litellm', found 'rr'"),
        new("--set as the last argument", ["--set"], "--set", "", "expects KEY.PATH=VALUE"),
    }.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    [SetUp]
    public void CreateTempDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "fleetsim-tests", Path.GetRandomFileName());
        Directory.CreateDirectory(_dir);
        _file = Path.Combine(_dir, "malformed.yaml");
        _outDir = Path.Combine(_dir, "out");
    }

    [TearDown]
    public void DeleteTempDir() => Directory.Delete(_dir, recursive: true);

    [TestCaseSource(nameof(FileCases))]
    public void Run_refuses_a_malformed_scenario_with_one_located_line(FileCase c)
    {
        string? text = c.Edit(Reference);
        if (text is not null)
        {
            File.WriteAllText(_file, text);
        }
        string location = c.At is null ? $"{_file}: " : $"{_file}:{LineOf(text!, c.At)}:";

        (int code, string stdout, string stderr) = RunCli(["run", _file, "--out", _outDir]);

        AssertRefused(code, stdout, stderr, location, c.KeyPath, c.Problem);
    }

    [TestCaseSource(nameof(SetCases))]
    public void Run_refuses_a_bad_set_with_one_line_naming_it(SetCase c)
    {
        File.WriteAllText(_file, Reference);

        (int code, string stdout, string stderr) = RunCli(["run", _file, "--out", _outDir, .. c.SetArgs]);

        AssertRefused(code, stdout, stderr, c.Location + ":", c.KeyPath, c.Problem);
    }

    [Test]
    public void Validate_refuses_a_malformed_scenario_the_same_way()
    {
        File.WriteAllText(_file, Reference.Replace("usd_per_gpu_hour: 6", "usd_per_gpu_hour: -2", StringComparison.Ordinal));

        (int code, string stdout, string stderr) = RunCli(["validate", _file]);

        AssertRefused(code, stdout, stderr, $"{_file}:{LineOf(File.ReadAllText(_file), "usd_per_gpu_hour: -2")}:",
            "replica.usd_per_gpu_hour", "must be at least 0.01");
    }

    [Test]
    public void Validate_accepts_the_reference_scenario()
    {
        File.WriteAllText(_file, Reference);

        (int code, string stdout, string stderr) = RunCli(["validate", _file]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(ExitCode.Ok), stderr);
            Assert.That(stdout, Does.StartWith($"{_file}: ok{Environment.NewLine}"));
            Assert.That(stderr, Is.Empty);
        }
    }

    /// <summary>The control for "nothing written": the same command on a good file does write --out.</summary>
    [Test]
    public void Run_writes_the_out_directory_for_the_reference_scenario()
    {
        File.WriteAllText(_file, Reference);

        (int code, _, string stderr) = RunCli(["run", _file, "--out", _outDir]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(ExitCode.Ok), stderr);
            Assert.That(Directory.GetFiles(_outDir).Select(Path.GetFileName),
                Is.EquivalentTo(new[] { "bill.json", "bill.txt", "minutes.csv" }));
        }
    }

    private void AssertRefused(int code, string stdout, string stderr, string location, string keyPath, string problem)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(ExitCode.BadInput), stderr);
            Assert.That(stderr.Split(Environment.NewLine), Is.EqualTo(new[] { stderr.TrimEnd(), "" }),
                "stderr is exactly one line");
            Assert.That(stderr, Does.StartWith($"fleetsim: {location}"));
            if (keyPath.Length > 0)
            {
                Assert.That(stderr, Does.Contain($": {keyPath}: "));
            }
            Assert.That(stderr, Does.Contain(problem));
            Assert.That(stdout, Is.Empty);
            Assert.That(Directory.Exists(_outDir) || File.Exists(_outDir), Is.False, "nothing is written to --out");
        }
    }

    private static (int Code, string Stdout, string Stderr) RunCli(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A textual edit of the reference that must apply exactly once, so a changed reference fails loudly.</summary>
    private static Func<string, string?> Both(Func<string, string?> first, Func<string, string?> second) =>
        text => first(text) is { } edited ? second(edited) : null;

    private static Func<string, string?> Replace(string oldText, string newText) => text =>
    {
        int at = text.IndexOf(oldText, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(oldText, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"the reference scenario should hold '{oldText}' exactly once");
        }
        return string.Concat(text.AsSpan(0, at), newText, text.AsSpan(at + oldText.Length));
    };

    /// <summary>The 1-based line of the one occurrence of <paramref name="snippet"/>.</summary>
    private static int LineOf(string text, string snippet)
    {
        int at = text.IndexOf(snippet, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"'{snippet}' is not in the edited scenario");
        Assert.That(text.IndexOf(snippet, at + 1, StringComparison.Ordinal), Is.LessThan(0), $"'{snippet}' is in the edited scenario twice");
        return text.AsSpan(0, at).Count('\n') + 1;
    }

    private static string Levels(int count, string level) => string.Join(", ", Enumerable.Repeat(level, count));
}
