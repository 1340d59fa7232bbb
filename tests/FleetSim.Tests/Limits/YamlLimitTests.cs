using FleetSim.Scenario;

namespace FleetSim.Tests.Limits;

/// <summary>
/// Scenario and LiteLLM config files, and --set values, are bounded in size, depth and node count
/// (<see cref="InputLimits"/>; issue 15, kind 1): an endless stream, a 40,000-deep list and nested aliases are one
/// message naming the file (and line) and the limit, not "Out of memory" or "Stack overflow".
/// </summary>
public class YamlLimitTests : LimitCase
{
    [Test]
    public void AScenarioThatIsAnEndlessStreamIsRefusedAfterTheLimit()
    {
        Assume.That(File.Exists("/dev/zero"), "needs /dev/zero");
        Refused(["run", "/dev/zero"], "/dev/zero", "more than 1 MiB");
    }

    [Test]
    public void AScenarioOneByteOverTheLimitIsRefusedAndOneAtTheLimitIsRead()
    {
        // A comment line pads the file to the byte: the limit is on bytes, so the size is computed, not measured.
        string body = "name: x\n";
        string atLimit = body + "#" + new string('x', InputLimits.MaxScenarioBytes - body.Length - 2) + "\n";
        Assert.That(atLimit.Length, Is.EqualTo(InputLimits.MaxScenarioBytes));
        string over = Write("over.yaml", atLimit + "\n");
        Refused(["validate", over], "over.yaml", "more than 1 MiB");

        string at = Write("at.yaml", atLimit);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(at))!;
        Assert.That(e.Message, Does.Not.Contain("1 MiB"), "read whole: the error is about its content");
    }

    [Test]
    public void AScenarioOnAFifoWhoseWriterNeverStopsIsRefused()
    {
        using var fifo = new EndlessFifo(Path.Combine(Dir, "endless.yaml"), [], "a: 1\n"u8.ToArray());
        Refused(["run", fifo.Path], "endless.yaml", "more than 1 MiB");
    }

    [Test]
    public void ALiteLlmConfigThatIsAnEndlessStreamIsRefused()
    {
        Assume.That(File.Exists("/dev/zero"), "needs /dev/zero");
        string scenario = Scenario("litellm.yaml", "  monthly_processed_tokens: 583B\n  daily_shape: {hourly_percentiles: {trough: 110K, p50: 222K, p90: 290K, p99: 327K}}\n  request_mix:\n    processed_tokens: 85K\n    output_tokens: 1K",
            router: "  litellm_config: /dev/zero");
        Refused(["run", scenario], "/dev/zero", "more than 1 MiB", "LiteLLM config");
    }

    [Test]
    public void AListNested40000DeepIsRefusedAtTheDepthLimitNamingTheLine()
    {
        string deep = Write("deep.yaml", "name: x\nflows: " + new string('[', 40_000) + new string(']', 40_000) + "\n");
        string message = Refused(["run", deep], "deep.yaml:2:", $"more than {InputLimits.MaxYamlDepth} levels");
        Assert.That(message.Length, Is.LessThan(400), "the key path of a deep list is shortened");
    }

    [Test]
    public void ListsNestedExactlyToTheLimitAreParsed()
    {
        // The root section is level 1, so a value may nest MaxYamlDepth - 1 lists: the error is then the unknown key, not the depth.
        int lists = InputLimits.MaxYamlDepth - 1;
        string ok = Write("ok.yaml", "flows: " + new string('[', lists) + new string(']', lists) + "\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(ok))!;
        Assert.That(e.Message, Does.Not.Contain("levels"));

        string over = Write("over.yaml", "flows: " + new string('[', lists + 1) + new string(']', lists + 1) + "\n");
        Assert.That(Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(over))!.Message, Does.Contain("levels"));
    }

    [Test]
    public void TheSameDeepListThroughSetIsRefused()
    {
        string value = new string('[', 30_000) + new string(']', 30_000);
        Refused(["run", "--set", "traffic.flows=" + value], "--set traffic.flows=[[[", $"more than {InputLimits.MaxYamlDepth} levels");
    }

    [Test]
    public void ASetValueLongerThanTheLimitIsRefused()
    {
        string value = "[" + string.Join(",", Enumerable.Repeat("1", 40_000)) + "]";
        Refused(["run", "--set", "traffic.daily_shape.hourly=" + value], "--set traffic.daily_shape.hourly=", "65,536");
    }

    [Test]
    public void NestedAliasesThatWouldExpandToBillionsAreRefused()
    {
        // Nine levels of ten aliases each stand for 10^9 items; the count stops at the limit, on the line that crosses it.
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (int i = 1; i <= 9; i++)
        {
            lines.Add($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]");
        }
        string laughs = Write("laughs.yaml", string.Join("\n", lines) + "\n");
        // Level i's list stands for 1 + 10·(level i-1's) nodes: 11, 111, 1,111, 11,111, 111,111. With the root and the keys,
        // lines 1-4 count 12,348 nodes; line 5 (a4) adds ten aliases of 11,111 and crosses 100,000 at its eighth.
        Refused(["validate", laughs], "laughs.yaml:5:", "100,000");
    }

    [Test]
    public void AFlatListOfMoreItemsThanTheLimitIsRefused()
    {
        string many = Write("many.yaml", "hourly:\n" + string.Concat(Enumerable.Repeat("- 1\n", InputLimits.MaxYamlNodes + 1)));
        Refused(["validate", many], "many.yaml:", "100,000");
    }

    [Test]
    public void AFolderGivenAsAScenarioIsNamedAsOne()
    {
        Refused(["run", Dir], Dir, "is a folder");
    }
}
