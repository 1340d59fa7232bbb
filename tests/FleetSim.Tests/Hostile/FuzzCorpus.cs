using System.Text;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Tests.Hostile;

/// <summary>
/// The generated corpus of hostile and degenerate inputs (issue 15): every scalar of the default scenario
/// replaced by hostile values, hostile YAML structure, LiteLLM configs, every trace format with hostile rows,
/// every flag of every verb with hostile values, and degenerate but valid fleets.
/// </summary>
public static class FuzzCorpus
{
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));

    /// <summary>Numbers and strings that break naive readers: NaN, ±inf, −0, out-of-range, huge integers, wrong types.</summary>
    public static readonly string[] HostileValues =
    [
        "NaN", ".nan", ".inf", "-.inf", "-0", "1e400", "-1e400", "123456789012345678901234567890", "-1", "0",
        "abc", "[]", "{}", "''", "~", "1e-400", "true", "999999T", "0.5", "2147483648",
    ];

    private static readonly string DefaultScenario = File.ReadAllText(Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml"));

    private static Dictionary<string, byte[]> Files(params (string Name, string Text)[] files) =>
        files.ToDictionary(f => f.Name, f => Encoding.UTF8.GetBytes(f.Text));

    private static readonly string[] Short = ["--set", "horizon_hours=24"];

    /// <summary>Every scalar value of the default scenario, in the file, replaced by each hostile value.</summary>
    public static IEnumerable<FuzzCase> ScenarioValues()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(DefaultScenario));
        int k = 0;
        foreach (var (path, node) in Scalars(stream.Documents[0].RootNode, ""))
        {
            if (path == "name")
            {
                continue;
            }
            // Each key meets 8 of the hostile values, in turn, so every value meets every kind of key over the file.
            foreach (string value in Enumerable.Range(0, 8).Select(i => HostileValues[(k * 8 + i) % HostileValues.Length]))
            {
                string text = DefaultScenario[..(int)node.Start.Index] + value + DefaultScenario[(int)node.End.Index..];
                string[] horizon = path == "horizon_hours" ? [] : Short;
                yield return new FuzzCase("scenario", $"{path}: {value}", ["run", "s.yaml", .. horizon, "--json", "--out", "{out}"],
                                          Files(("s.yaml", text)), FuzzExpectation.Either, "s.yaml");
            }
            k++;
        }
    }

    private static IEnumerable<(string Path, YamlScalarNode Node)> Scalars(YamlNode node, string prefix)
    {
        if (node is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                string path = prefix.Length == 0 ? ((YamlScalarNode)key).Value! : prefix + "." + ((YamlScalarNode)key).Value;
                foreach (var s in Scalars(value, path))
                {
                    yield return s;
                }
            }
        }
        else if (node is YamlScalarNode scalar)
        {
            yield return (prefix, scalar);
        }
    }

    /// <summary>YAML that is hostile as a whole: encodings, structure, size and depth.</summary>
    public static IEnumerable<FuzzCase> YamlStructure()
    {
        FuzzCase Bad(string name, string text, string? place = "s.yaml") =>
            new("yaml", name, ["run", "s.yaml", .. Short, "--out", "{out}"], Files(("s.yaml", text)), FuzzExpectation.Refused, place);
        FuzzCase Fine(string name, byte[] bytes) =>
            new("yaml", name, ["run", "s.yaml", .. Short, "--json", "--out", "{out}"], new Dictionary<string, byte[]> { ["s.yaml"] = bytes }, FuzzExpectation.Runs);

        yield return Bad("empty file", "");
        yield return Bad("only a comment", "# nothing\n");
        yield return Bad("a number as the document", "42\n");
        yield return Bad("a list as the document", "- a\n- b\n");
        yield return Bad("tabs for indentation", DefaultScenario.Replace("  monthly_processed_tokens", "\tmonthly_processed_tokens", StringComparison.Ordinal));
        yield return Bad("a duplicate key", DefaultScenario + "\nhorizon_hours: 24\n");
        yield return Bad("an unknown top-level key", DefaultScenario + "\nfleeet: {}\n");
        yield return Bad("binary garbage", Encoding.Latin1.GetString([.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256))]));
        yield return Bad("an unterminated flow list", "name: x\nhorizon_hours: [1, 2\n");
        yield return Bad("a flow list nested 40,000 deep", "name: " + new string('[', 40_000) + new string(']', 40_000) + "\n");
        yield return Bad("a block mapping nested 5,000 deep",
            string.Concat(Enumerable.Range(0, 5_000).Select(i => new string(' ', i) + "k:\n")) + new string(' ', 5_000) + "v\n");
        yield return Bad("billion laughs", BillionLaughs());
        yield return Bad("a 64 MB scenario", DefaultScenario + "\n" + string.Concat(Enumerable.Repeat("# padding padding padding padding padding padding padding pad\n", 1_000_000)));
        yield return Bad("a one-line 4 MB scalar", "name: " + new string('x', 4 << 20) + "\n");
        yield return Fine("a byte-order mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(DefaultScenario)]);
        yield return Fine("CRLF line ends", Encoding.UTF8.GetBytes(DefaultScenario.Replace("\n", "\r\n", StringComparison.Ordinal)));
        yield return Fine("an anchor and an alias", Encoding.UTF8.GetBytes(DefaultScenario.Replace("  gpus: 4\n", "  gpus: &g 4\n", StringComparison.Ordinal)
                                                                                .Replace("  gpus_per_node: 8\n", "  gpus_per_node: 8\n", StringComparison.Ordinal)));
        yield return new FuzzCase("yaml", "the scenario is /dev/zero", ["run", "/dev/zero", "--out", "{out}"], Files(), FuzzExpectation.Refused, "/dev/zero");
        yield return new FuzzCase("yaml", "the scenario is a folder", ["run", ".", "--out", "{out}"], Files(), FuzzExpectation.Refused, ".");
        yield return new FuzzCase("yaml", "the scenario does not exist", ["run", "nope.yaml", "--out", "{out}"], Files(), FuzzExpectation.Refused, "nope.yaml");
        yield return new FuzzCase("yaml", "--set nested 40,000 deep", ["run", "--set", "fleet.replicas=" + new string('[', 40_000) + new string(']', 40_000), "--out", "{out}"],
                                  Files(), FuzzExpectation.Refused, "--set");
        yield return new FuzzCase("yaml", "--set with no value", ["run", "--set", "fleet.replicas=", "--out", "{out}"], Files(), FuzzExpectation.Refused, "--set");
        yield return new FuzzCase("yaml", "--set with no key", ["run", "--set", "=4", "--out", "{out}"], Files(), FuzzExpectation.Refused, "--set");
        yield return new FuzzCase("yaml", "--set to an unknown key", ["run", "--set", "fleet.replica=4", "--out", "{out}"], Files(), FuzzExpectation.Refused, "--set");
    }

    private static string BillionLaughs()
    {
        var sb = new StringBuilder("name: x\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++)
        {
            sb.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        }
        return sb.ToString();
    }

    /// <summary>A scenario naming a hostile LiteLLM config.</summary>
    public static IEnumerable<FuzzCase> LiteLlmConfigs()
    {
        string scenario = DefaultScenario.Replace("router:\n  mode: spill", "router:\n  litellm_config: lite.yaml", StringComparison.Ordinal);
        string good = File.ReadAllText(Path.Combine(RepoRoot, "scenarios/litellm/proxy-config.yaml"));
        FuzzCase Case(string name, string config, FuzzExpectation expect = FuzzExpectation.Refused) =>
            new("litellm", name, ["run", "s.yaml", .. Short, "--out", "{out}"], Files(("s.yaml", scenario), ("lite.yaml", config)), expect, "lite.yaml");

        yield return Case("empty", "");
        yield return Case("not a mapping", "- 1\n- 2\n");
        yield return Case("model_list not a list", "model_list: 3\n");
        yield return Case("binary garbage", Encoding.Latin1.GetString([.. Enumerable.Range(0, 2048).Select(i => (byte)(i * 131 % 256))]));
        yield return Case("nested 40,000 deep", "model_list: " + new string('[', 40_000) + new string(']', 40_000) + "\n");
        yield return Case("billion laughs", BillionLaughs().Replace("name: x\n", "model_list: []\n", StringComparison.Ordinal));
        foreach (string value in new[] { "NaN", "-1", "1e400", "abc", "[]", "123456789012345678901234567890" })
        {
            yield return Case($"rpm {value}", good.Replace("rpm: 18", "rpm: " + value, StringComparison.Ordinal), FuzzExpectation.Either);
            yield return Case($"timeout {value}", good.Replace("timeout: ", "timeout: " + value + " #", StringComparison.Ordinal), FuzzExpectation.Either);
        }
        yield return new FuzzCase("litellm", "the config is /dev/zero", ["run", "s.yaml", .. Short, "--out", "{out}"],
                                  Files(("s.yaml", scenario.Replace("lite.yaml", "/dev/zero", StringComparison.Ordinal))), FuzzExpectation.Refused, "/dev/zero");
    }

    private static readonly (string Format, string Header, Func<string, string, string, string> Row)[] Formats =
    [
        ("azure", "TIMESTAMP,ContextTokens,GeneratedTokens", (t, i, o) => $"{t},{i},{o}"),
        ("burstgpt", "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type", (t, i, o) => $"{t},ChatGPT,{i},{o},{i},Conversation log"),
        ("mooncake", "", (t, i, o) => $"{{\"timestamp\": {t}, \"input_length\": {i}, \"output_length\": {o}, \"hash_ids\": []}}"),
        ("per-minute", "minute,requests,input_tokens,output_tokens", (t, i, o) => $"{t},1,{i},{o}"),
        ("openai-usage", "start_time,end_time,input_tokens,input_cached_tokens,output_tokens,num_model_requests,model", (t, i, o) => $"{t},{t},{i},0,{o},1,m"),
        ("generic", "ts,in,out", (t, i, o) => $"{t},{i},{o}"),
    ];

    /// <summary>Every trace format with hostile rows, through <c>trace summarize</c>.</summary>
    public static IEnumerable<FuzzCase> Traces()
    {
        string[] times = ["NaN", "-1", "1e300", "253402300800", "9000000000", "abc", "", "1e400"];
        string[] tokens = ["NaN", "-5", "1e15", "1e29", "1e400", "abc", "", "2.5"];
        foreach (var (format, header, row) in Formats)
        {
            string ext = format == "mooncake" ? "jsonl" : "csv";
            string[] flags = format == "generic" ? ["--input-format", "generic", "--columns", "ts,in,out"] : ["--input-format", format];
            string Good(int k) => row((1740960000 + 60 * k).ToString(), "1000", "100");
            string Lines(params string[] rows) => string.Join("\n", (header.Length > 0 ? new[] { header } : []).Concat(rows)) + "\n";
            FuzzCase Case(string name, string text, FuzzExpectation expect = FuzzExpectation.Refused) =>
                new("trace", $"{format}: {name}", ["trace", "summarize", "t." + ext, .. flags, "--out", "{out}"],
                    Files(("t." + ext, text)), expect, "t." + ext);

            yield return Case("empty file", "");
            if (header.Length > 0)
            {
                yield return Case("header only", header + "\n");
            }
            foreach (string t in times)
            {
                yield return Case($"time {t}", Lines(Good(0), row(t, "1000", "100"), Good(2)), FuzzExpectation.Either);
            }
            foreach (string n in tokens)
            {
                // 10^15 and 10^29 tokens are past any request (10M) and any minute (10^12): always refused.
                var expect = n is "1e15" or "1e29" ? FuzzExpectation.Refused : FuzzExpectation.Either;
                yield return Case($"input tokens {n}", Lines(Good(0), row((1740960000 + 60).ToString(), n, "100"), Good(2)), expect);
            }
            // A per-minute trace starts at minute 0, so its only row at minute 9e9 spans 17,000 years.
            yield return Case("only row far in the future", Lines(row("9000000000", "1000", "100")),
                              format == "per-minute" ? FuzzExpectation.Refused : FuzzExpectation.Either);
            yield return Case("binary garbage", Encoding.Latin1.GetString([.. Enumerable.Range(0, 2048).Select(i => (byte)(i * 131 % 256))]));
        }
        yield return new FuzzCase("trace", "the trace is /dev/zero", ["trace", "summarize", "/dev/zero", "--out", "{out}"], Files(), FuzzExpectation.Refused, "/dev/zero");
        yield return new FuzzCase("trace", "the trace is a folder", ["trace", "summarize", ".", "--out", "{out}"], Files(), FuzzExpectation.Refused);
    }

    /// <summary>Every flag of every verb with hostile values.</summary>
    public static IEnumerable<FuzzCase> Flags()
    {
        string[] values = ["", " ", "-1", "0", "NaN", "1e400", "abc", "99999999999", "-", "1/0"];
        var verbs = new (string Verb, string[] Flags, string[] Before)[]
        {
            ("run", ["--engine", "--seed", "--router"], [.. Short]),
            ("compare", ["--policies", "--router"], [.. Short]),
            ("sweep", ["--runs", "--seed", "--threads", "--shard", "--policies"], [.. Short]),
            ("report", ["--runs", "--policies"], [.. Short]),
            ("tiers", ["--spend", "--format"], [.. Short, "--spend", "185K"]),
            ("trace", ["--input-format", "--columns", "--timezone", "--from", "--to", "--model"], ["summarize", "day.csv"]),
        };
        string day = "minute,requests,input_tokens,output_tokens\n" + string.Concat(Enumerable.Range(0, 60).Select(m => $"{m},2,1000,100\n"));
        int k = 0;
        foreach (var (verb, flags, before) in verbs)
        {
            foreach (string flag in flags.Append("--out"))
            {
                // Each flag meets 5 of the hostile values, in turn; --out meets them all.
                int turn = k++;
                foreach (string value in flag == "--out" ? values : Enumerable.Range(0, 5).Select(i => values[(turn * 5 + i) % values.Length]))
                {
                    string[] args = flag == "--out" ? [verb, .. before, "--out", value] : [verb, .. before, flag, value, "--out", "{out}"];
                    yield return new FuzzCase("flag", $"{verb} {flag} '{value}'", args, Files(("day.csv", day)), FuzzExpectation.Either, flag == "--out" ? "--out" : null);
                }
            }
        }
    }

    /// <summary>Requests for work no machine should start: each refused at once, naming the flag or key and the limit.</summary>
    public static IEnumerable<FuzzCase> Work()
    {
        FuzzCase Refused(string name, string place, params string[] args) =>
            new("work", name, [.. args, "--out", "{out}"], Files(), FuzzExpectation.Refused, place);
        yield return Refused("tiers --spend 100T", "100T", "tiers", "--spend", "100T");
        yield return Refused("tiers --spend 1000T", "1000T", "tiers", "--spend", "1000T");
        yield return Refused("a sweep of 2^31 months", "--runs", "sweep", "--runs", "2147483647");
        yield return Refused("a grid of 10^12 points", "--set", "sweep", "--runs", "1",
                             "--set", "fleet.replicas=" + string.Join(",", Enumerable.Range(1, 1000)),
                             "--set", "replica.max_in_flight=" + string.Join(",", Enumerable.Range(1, 1000)),
                             "--set", "horizon_hours=" + string.Join(",", Enumerable.Range(1, 1000)));
        yield return Refused("traffic needing 10^6 replicas", "1E+17 processed tokens a month", "run", "--set", "traffic.monthly_processed_tokens=1e17");
        yield return new FuzzCase("work", "merge of endless files", ["merge", "/dev/zero", "--out", "{out}"], Files(), FuzzExpectation.Refused);
    }

    /// <summary>Degenerate but valid fleets and horizons: each must run and give a sane bill.</summary>
    public static IEnumerable<FuzzCase> Degenerate()
    {
        FuzzCase Runs(string name, string[] args) =>
            new("degenerate", name, ["run", .. args, "--json"], Files(), FuzzExpectation.Runs);
        string[] flatNight = ["--set", "traffic.daily_shape={hourly: [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1]}", "--set", "horizon_hours=12"];
        yield return Runs("zero demand in the horizon", flatNight);
        yield return Runs("zero demand, a fixed fleet", [.. flatNight, "--set", "fleet.replicas=4"]);
        yield return Runs("zero demand, request engine", [.. flatNight, "--engine", "request"]);
        yield return Runs("one hour, the shortest horizon", ["--set", "horizon_hours=1"]);
        yield return new FuzzCase("degenerate", "a trace of one request", ["run", "s.yaml", "--json"],
            Files(("s.yaml", File.ReadAllText(Path.Combine(RepoRoot, "scenarios/cline-k2-trace.yaml"))
                                 .Replace("traces/openai-usage-week.csv", "one.csv", StringComparison.Ordinal)),
                  ("one.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,4808,10\n")), FuzzExpectation.Either);
        yield return Runs("one slot", ["--set", "replica.max_in_flight=1", "--set", "fleet.replicas=1", "--set", "replica.gpus=1", "--set", "replica.gpus_per_node=1", .. Short]);
        yield return Runs("100,000 slots", ["--set", "fleet.replicas=12500"]);
        yield return Runs("10,000 replicas", ["--set", "fleet.replicas=10000"]);
        yield return Runs("10,000 replicas, request engine, a day", ["--set", "fleet.replicas=10000", "--engine", "request", .. Short]);
        yield return Runs("a year-long horizon", ["--set", "horizon_hours=8760"]);
        yield return Runs("no fleet at all", ["--set", "fleet.replicas=0", .. Short]);
    }

    public static IEnumerable<FuzzCase> All() =>
        ScenarioValues().Concat(YamlStructure()).Concat(LiteLlmConfigs()).Concat(Traces()).Concat(Flags()).Concat(Work()).Concat(Degenerate());
}
