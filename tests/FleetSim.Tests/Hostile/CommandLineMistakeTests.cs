using static FleetSim.Tests.Hostile.CliRun;

namespace FleetSim.Tests.Hostile;

/// <summary>
/// Issue 15, kinds 4–6: a command-line mistake is one line that names what the user typed (exit 2),
/// never the version banner and a usage dump, never a flag the user did not type.
/// </summary>
public class CommandLineMistakeTests
{
    private static void OneLine(string err, string expected)
    {
        Assert.That(err, Is.EqualTo($"fleetsim: {expected}{Environment.NewLine}"));
    }

    [Test]
    public void ValidateWithoutAFileSaysSo()
    {
        var (code, output, err) = Fleetsim("validate");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        OneLine(err, "validate: give SCENARIO (see 'fleetsim validate --help')");
    }

    [Test]
    public void MergeWithoutFoldersSaysSo()
    {
        var (code, _, err) = Fleetsim("merge");
        Assert.That(code, Is.EqualTo(2));
        OneLine(err, "merge: give DIR... (see 'fleetsim merge --help')");
    }

    [Test]
    public void TraceWithoutItsArgumentsSaysSo()
    {
        var (code, _, err) = Fleetsim("trace", "summarize");
        Assert.That(code, Is.EqualTo(2));
        OneLine(err, "trace: give ACTION and FILE (see 'fleetsim trace --help')");
    }

    [TestCase("run", "a.yaml", "extra")]
    [TestCase("compare", "a.yaml", "extra")]
    [TestCase("sweep", "a.yaml", "extra")]
    [TestCase("report", "a.yaml", "extra")]
    [TestCase("tiers", "a.yaml", "extra")]
    [TestCase("validate", "a.yaml", "extra")]
    [TestCase("trace", "summarize", "a.csv", "extra")]
    public void AnExtraPositionalArgumentIsNamed(params string[] args)
    {
        var (code, _, err) = Fleetsim(args);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith($"fleetsim: {args[0]}: unexpected argument 'extra'"));
    }

    [Test]
    public void AFlagsValueIsNotTakenForAnExtraArgument()
    {
        var (code, _, err) = Fleetsim("run", "--engine", "minute", "--set", "horizon_hours=2", "--json");
        Assert.That(code, Is.EqualTo(0), err);
    }

    [Test]
    public void AMisspeltFlagIsNamedWithItsLikelyMeaning()
    {
        var (code, _, err) = Fleetsim("run", "--sedd", "3");
        Assert.That(code, Is.EqualTo(2));
        OneLine(err, "run: unknown flag --sedd; did you mean --seed? (see 'fleetsim run --help')");
    }

    [Test]
    public void AMisspeltVerbIsNamedWithItsLikelyMeaning()
    {
        var (code, _, err) = Fleetsim("compair");
        Assert.That(code, Is.EqualTo(2));
        OneLine(err, "'compair' is not a verb; did you mean 'compare'? (see 'fleetsim --help')");
    }

    [Test]
    public void ANegativeSeedIsReportedAsTheFlagTyped()
    {
        var (code, _, err) = Fleetsim("run", "--seed", "-1");
        Assert.That(code, Is.EqualTo(2));
        OneLine(err, "--seed: must be at least 0 (got -1)");
    }

    [Test]
    public void AValueOfTheWrongTypeNamesTheFlag()
    {
        var (code, _, err) = Fleetsim("sweep", "--runs", "many");
        Assert.That(code, Is.EqualTo(2));
        OneLine(err, "sweep: --runs: cannot read the value given as a whole number (see 'fleetsim sweep --help')");
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("run", "--help")]
    [TestCase("run", "-h")]
    [TestCase("trace", "summarize", "--help")]
    [TestCase("trace", "fit", "-h")]
    [TestCase("validate", "--help")]
    public void HelpIsPrintedToStdoutWithExitZero(params string[] args)
    {
        var (code, output, err) = Fleetsim(args);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(output, Does.Contain("Display"), "the help screen");
            Assert.That(err, Is.Empty);
        });
    }

    [Test]
    public void AFaultInsideFleetsimIsOneLineAndExitOne()
    {
        var stderr = new StringWriter();
        int code = FleetSim.Cli.Cli.Run(["run", "--set", "horizon_hours=1"], new FailingWriter(), stderr);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(stderr.ToString(), Does.StartWith("fleetsim: internal error (InvalidOperationException: the terminal went away)")
                                               .And.Contain("please report it"));
            Assert.That(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
        });
    }

    /// <summary>A stdout that fails as no input could make it: the last line of defence must still answer in one line.</summary>
    private sealed class FailingWriter : StringWriter
    {
        public override void Write(string? value) => throw new InvalidOperationException("the terminal went away");

        public override void Write(char value) => throw new InvalidOperationException("the terminal went away");

        public override void WriteLine(string? value) => throw new InvalidOperationException("the terminal went away");
    }
}

/// <summary>Issue 15, kind 6: a long key, value or name the user typed is named in a message, not echoed whole.</summary>
public class LongInputEchoTests
{
    private static readonly string Long = new('x', 5_000);

    [TestCase("run", "--set", "KEY=1")]
    [TestCase("run", "--set", "traffic.KEY=1")]
    [TestCase("run", "--set", "router.mode=KEY")]
    [TestCase("compare", "--policies", "KEY")]
    [TestCase("run", "--engine", "KEY")]
    [TestCase("validate", "KEY.yaml")]
    public void AFiveThousandCharacterWordIsCutToItsStartAndLength(params string[] template)
    {
        var (code, output, err) = Fleetsim([.. template.Select(a => a.Replace("KEY", Long, StringComparison.Ordinal))]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
            Assert.That(err.Length, Is.LessThan(1_000), err);
            Assert.That(err, Does.Contain("characters)"));
        });
    }

    [Test]
    public void AnOrdinaryMessageIsUnchanged()
    {
        Assert.That(FleetSim.Cli.ErrorLine.Of("scenarios/a.yaml:3:5: replica.gpus: is required but missing"),
                    Is.EqualTo("fleetsim: scenarios/a.yaml:3:5: replica.gpus: is required but missing"));
    }
}
