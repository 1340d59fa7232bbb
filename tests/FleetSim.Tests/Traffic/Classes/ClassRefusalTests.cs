using FleetSim.Scenario;

namespace FleetSim.Tests.Traffic.Classes;

/// <summary>(d) Bad traffic.classes are refused naming the file, the line and the key; verbs without classes refuse them with exit code 2.</summary>
public class ClassRefusalTests
{
    private static string Yaml(string classes) =>
        ScenarioLoader.DefaultScenarioYaml().Replace("    cache_hit_share: 0.835\n", "    cache_hit_share: 0.835\n  classes:\n" + classes, StringComparison.Ordinal);

    private static int LineOf(string yaml, string text) => yaml.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [TestCase("    - {name: a, share: 0.6}\n    - {name: b, share: 0.3, deadline_hours: 4}\n", "{name: a, share: 0.6}", "traffic.classes", "sum to 0.9")]
    [TestCase("    - {name: a, share: 0.5}\n    - {name: b, share: 0.5, deadline: 4}\n", "deadline: 4", "traffic.classes[1].deadline", "unknown key")]
    [TestCase("    - {name: a, share: 0.5}\n    - {name: a, share: 0.5, deadline_hours: 4}\n", "{name: a, share: 0.5, deadline_hours", "traffic.classes[1].name", "unique")]
    [TestCase("    - {name: a, share: 0.5}\n    - {name: b, share: 0.5, deadline_hours: 0}\n", "deadline_hours: 0", "traffic.classes[1].deadline_hours", "greater than 0")]
    [TestCase("    - {name: a, share: 0.5}\n    - {name: b, share: 0.5, deadline_hours: 169}\n", "deadline_hours: 169", "traffic.classes[1].deadline_hours", "168")]
    [TestCase("    - {name: a, share: 0.5, api_batch_discount: 0.5}\n    - {name: b, share: 0.5}\n", "api_batch_discount", "traffic.classes[0].api_batch_discount", "deadline_hours")]
    public void BadClassesAreRefusedAtTheirLine(string classes, string lineText, string key, string problem)
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
    public void ClassesAndBatchShareTogetherAreRefused()
    {
        string yaml = Yaml("    - {name: a, share: 1}\n").Replace("  weekday_factor: 1.0", "  batch_share: 0.3\n  weekday_factor: 1.0", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "classes.yaml", "classes"))!;
        Assert.That(e.Message, Does.StartWith($"classes.yaml:{LineOf(yaml, "batch_share")}:").And.Contain("not both"));
    }

    [TestCase("compare")]
    [TestCase("sweep", "--runs", "1")]
    [TestCase("tiers")]
    [TestCase("plan")]
    [TestCase("report", "--runs", "1")]
    public void VerbsWithoutClassesRefuseThem(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string dir = Directory.CreateTempSubdirectory("fleetsim-classes-").FullName;
        string[] outDir = args[0] == "run" ? [] : ["--out", Path.Combine(dir, "out")];
        int code = FleetSim.Cli.Cli.Run([.. args, .. outDir, "--set", "traffic.classes=[{name: a, share: 0.7}, {name: b, share: 0.3, deadline_hours: 24}]"], stdout, stderr);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), stderr.ToString());
            Assert.That(stderr.ToString(), Does.Contain("traffic.classes").And.Contain("does not model traffic classes yet"));
            Assert.That(stderr.ToString(), Does.Not.Contain("internal error"));
        });
    }
}
