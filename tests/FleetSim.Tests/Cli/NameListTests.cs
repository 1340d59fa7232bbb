using System.Reflection;
using System.Text.RegularExpressions;
using CommandLine;
using FleetSim.Cli.Verbs;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Cli;

/// <summary>
/// Router modes, replica choices, policy names and trace formats are each defined once
/// (<see cref="RouterModes"/>, <see cref="ReplicaChoices"/>, <see cref="PolicyFactory.Names"/>,
/// <see cref="TraceFormats"/>). Help texts are attribute constants and the docs are prose, so they
/// cannot read those lists: these tests hold them to the lists instead.
/// </summary>
public partial class NameListTests
{
    private static readonly string RepoRoot = Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../..");

    private static IEnumerable<TestCaseData> HelpedOptions()
    {
        yield return new TestCaseData(typeof(RunOptions), "router", RouterModes.Names).SetArgDisplayNames("run --router");
        yield return new TestCaseData(typeof(CompareOptions), "policies", PolicyFactory.Names).SetArgDisplayNames("compare --policies");
        yield return new TestCaseData(typeof(TraceVerbOptions), "input-format", TraceFormats.Names).SetArgDisplayNames("trace --input-format");
    }

    [TestCaseSource(nameof(HelpedOptions))]
    public void HelpQuotesExactlyTheDefinedNames(Type verb, string option, IReadOnlyList<string> names)
    {
        string help = verb.GetProperties()
            .Select(p => p.GetCustomAttribute<OptionAttribute>())
            .Single(a => a?.LongName == option)!.HelpText;
        Assert.That(Quoted().Matches(help).Select(m => m.Groups[1].Value).ToArray(), Is.EqualTo(names), help);
    }

    private static IEnumerable<TestCaseData> RejectedArguments()
    {
        yield return new TestCaseData(new[] { "run", "--router", "rr" }, "--router: " + RouterModes.Unknown("rr"), RouterModes.Names)
            .SetArgDisplayNames("run --router rr");
        yield return new TestCaseData(new[] { "trace", "summarize", "trace.csv", "--input-format", "csv" }, "--input-format: " + TraceFormats.Unknown("csv"), TraceFormats.Names)
            .SetArgDisplayNames("trace --input-format csv");
        yield return new TestCaseData(new[] { "compare", "--policies", "floor,hpa" }, "--policies: unknown policy 'hpa'", PolicyFactory.Names)
            .SetArgDisplayNames("compare --policies floor,hpa");
        yield return new TestCaseData(new[] { "run", "--set", "router.strategy=random" }, ReplicaChoices.Unknown("random"), ReplicaChoices.Names)
            .SetArgDisplayNames("--set router.strategy=random");
    }

    [TestCaseSource(nameof(RejectedArguments))]
    public void AnUnknownNameIsExitCodeTwoAndListsEveryName(string[] args, string message, IReadOnlyList<string> names)
    {
        var stderr = new StringWriter();
        int code = FleetSim.Cli.Cli.Run(args, new StringWriter(), stderr);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr.ToString(), Does.Contain(message));
            Assert.That(names, Is.All.Matches<string>(stderr.ToString().Contains), stderr.ToString());
        });
    }

    [Test]
    public void EveryRouterModeHasOneName()
    {
        Assert.That(RouterModes.Names, Is.Unique);
        Assert.That(Enum.GetValues<RouterMode>().Select(RouterModes.Name), Is.EquivalentTo(RouterModes.Names));
        Assert.That(Enum.GetValues<RouterMode>().Select(m => RouterModes.Parse(RouterModes.Name(m))), Is.EqualTo(Enum.GetValues<RouterMode>()));
        Assert.That(RouterModes.Parse("Spill"), Is.Null);
        Assert.That(new RouterSpec(RouterMode.Cooldown).ModeName, Is.EqualTo("cooldown"));
    }

    [Test]
    public void EveryReplicaChoiceHasOneName()
    {
        Assert.That(ReplicaChoices.Names, Is.Unique);
        Assert.That(Enum.GetValues<ReplicaChoice>().Select(ReplicaChoices.Name), Is.EquivalentTo(ReplicaChoices.Names));
        Assert.That(Enum.GetValues<ReplicaChoice>().Select(c => ReplicaChoices.Parse(ReplicaChoices.Name(c))), Is.EqualTo(Enum.GetValues<ReplicaChoice>()));
    }

    [Test]
    public void EveryTraceFormatHasOneName()
    {
        Assert.That(TraceFormats.Names, Is.Unique);
        Assert.That(Enum.GetValues<TraceFormat>().Select(TraceFormats.Name), Is.EquivalentTo(TraceFormats.Names));
        Assert.That(Enum.GetValues<TraceFormat>().Select(f => TraceFormats.Parse(TraceFormats.Name(f))), Is.EqualTo(Enum.GetValues<TraceFormat>()));
    }

    [Test]
    public void EveryPolicyNameIsValidAndTheDefaultIsAllButStatic()
    {
        Assert.That(PolicyFactory.Names, Is.Unique);
        Assert.That(() => { foreach (string n in PolicyFactory.Names) PolicyFactory.Validate(n); }, Throws.Nothing);
        Assert.That(ScalingSpec.AllPolicies, Is.EqualTo(PolicyFactory.Names.Where(n => n != "static")));
    }

    [Test]
    public void ScenarioReferenceListsTheRouterNames()
    {
        string[] doc = File.ReadAllLines(Path.Combine(RepoRoot, "docs/scenarios.md"));
        Assert.Multiple(() =>
        {
            Assert.That(Ticked(Cell(doc, "`router.mode`", 2)), Is.EqualTo(RouterModes.Names));
            Assert.That(Ticked(Cell(doc, "`router.strategy`", 2)), Is.EqualTo(ReplicaChoices.Names));
            Assert.That(Cell(doc, "`scaling.policies`", 3).Split(", "), Is.EqualTo(ScalingSpec.AllPolicies));
        });
    }

    [Test]
    public void ReadmeListsTheRouterModesAndThePolicies()
    {
        string[] readme = File.ReadAllLines(Path.Combine(RepoRoot, "README.md"));
        var modes = readme.SkipWhile(l => !l.StartsWith("- `--router`", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => Regex.Match(l, @"^  - `([^`]+)`")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();
        var policies = TableFirstColumn(readme, "| policy | what it does |").SelectMany(Ticked).Where(n => n != "static:N").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(modes, Is.EqualTo(RouterModes.Names));
            Assert.That(policies, Is.EqualTo(PolicyFactory.Names));
        });
    }

    [Test]
    public void TraceDocListsTheFormats()
    {
        string[] doc = File.ReadAllLines(Path.Combine(RepoRoot, "docs/traces.md"));
        Assert.That(TableFirstColumn(doc, "| format | first line | notes |").SelectMany(Ticked).ToArray(), Is.EqualTo(TraceFormats.Names));
    }

    /// <summary>Names in single quotes, not an apostrophe as in "the scenario's".</summary>
    [GeneratedRegex(@"(?<![\w'])'([a-z][a-z0-9:-]*)'(?![\w'])")]
    private static partial Regex Quoted();

    private static string[] Ticked(string cell) => [.. Regex.Matches(cell, "`([^`]+)`").Select(m => m.Groups[1].Value)];

    private static string Cell(string[] lines, string key, int column) =>
        lines.Single(l => l.StartsWith($"| {key} |", StringComparison.Ordinal)).Split('|')[column].Trim();

    private static IEnumerable<string> TableFirstColumn(string[] lines, string header) =>
        lines.SkipWhile(l => l != header).Skip(2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('|')[1]);
}
