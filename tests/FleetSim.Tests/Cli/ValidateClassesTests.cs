namespace FleetSim.Tests.Cli;

/// <summary><c>fleetsim validate</c> says what a scenario's traffic classes are, each with what it costs when it waits too long.</summary>
public class ValidateClassesTests
{
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    private static string Validate(params string[] sets)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = [.. new[] { "validate", Path.Combine(RepoRoot, "scenarios/cline-k2-deferrable.yaml") }.Concat(sets.SelectMany(s => new[] { "--set", s }))];
        int code = global::FleetSim.Cli.Cli.Run(args, stdout, stderr);
        Assert.That(code, Is.EqualTo(0), stderr.ToString());
        return stdout.ToString();
    }

    [Test]
    public void ValidateListsTheClassesWithTheirDeadlineAndBatchDiscount()
    {
        // The scenario's api.batch_discount is 0.5; a class without a discount of its own takes it.
        Assert.That(Validate(), Does.Contain("  classes: interactive 70 % interactive; bulk 30 % deferrable within 24 h, then the batch API at 50 % off"));
        Assert.That(Validate("api.batch_discount=0.2"), Does.Contain("bulk 30 % deferrable within 24 h, then the batch API at 20 % off"));
    }

    [Test]
    public void ValidateSaysNothingOfClassesWithoutThem()
    {
        var stdout = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(["validate", Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml")], stdout, new StringWriter());
        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout.ToString(), Does.Not.Contain("classes"));
    }
}
