namespace FleetSim.Tests.Cli;

/// <summary>--out is input like any other string: an empty or blank folder name is one message and exit 2, not a stack trace (issue 15, kind 4).</summary>
public class OutFlagTests
{
    [TestCase("run")]
    [TestCase("compare", "--policies", "floor")]
    [TestCase("sweep", "--runs", "2")]
    [TestCase("report", "--runs", "2")]
    [TestCase("tiers")]
    [TestCase("merge", "a", "b")]
    public void AnEmptyOrBlankOutIsOneMessageAndExitTwo(string verb, params string[] rest)
    {
        foreach (string blank in new[] { "", "  " })
        {
            var stderr = new StringWriter();
            int code = FleetSim.Cli.Cli.Run([verb, .. rest, "--out", blank], new StringWriter(), stderr);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(2), $"{verb} --out '{blank}'");
                Assert.That(stderr.ToString(), Is.EqualTo("fleetsim: --out: give a folder to write into (it was empty)" + Environment.NewLine));
            });
        }
    }
}
