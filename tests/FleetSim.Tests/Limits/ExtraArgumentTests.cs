namespace FleetSim.Tests.Limits;

/// <summary>A positional argument a verb has no place for is refused, naming it (issue 15, kind 5), in every verb.</summary>
public class ExtraArgumentTests : LimitCase
{
    [TestCase("run", "a.yaml")]
    [TestCase("compare", "a.yaml")]
    [TestCase("sweep", "a.yaml")]
    [TestCase("report", "a.yaml")]
    [TestCase("tiers", "a.yaml")]
    [TestCase("validate", "a.yaml")]
    [TestCase("trace", "summarize", "t.csv")]
    public void AnExtraPositionalArgumentIsNamed(string verb, params string[] places)
    {
        Refused([verb, .. places, "extra", "--out", Path.Combine(Dir, "out")], "unexpected argument 'extra'");
    }

    [Test]
    public void OptionValuesAndSetsAreNotCountedAsPositional()
    {
        // --seed takes a value, --json none, --set is taken out first: only 'extra' is left over.
        Refused(["run", "a.yaml", "--seed", "3", "--json", "--set", "fleet.replicas=6", "--router", "fluid", "extra"], "unexpected argument 'extra'");
        Refused(["run", "--seed=3", "a.yaml", "b.yaml"], "unexpected argument 'b.yaml'");
    }

    [Test]
    public void MergeTakesAnyNumberOfFolders()
    {
        // merge's DIR... has no end: its folders are checked as folders, not as extra arguments.
        var stderr = new StringWriter();
        FleetSim.Cli.Cli.Run(["merge", "a", "b", "c"], new StringWriter(), stderr);
        Assert.That(stderr.ToString(), Does.Not.Contain("unexpected argument"));
    }

    [Test]
    public void AScenarioAndItsOptionsAloneAreNotRefusedAsExtra()
    {
        var stderr = new StringWriter();
        FleetSim.Cli.Cli.Run(["validate", "missing.yaml", "--set", "fleet.replicas=6"], new StringWriter(), stderr);
        Assert.That(stderr.ToString(), Does.Not.Contain("unexpected argument").And.Contain("missing.yaml"));
    }
}
