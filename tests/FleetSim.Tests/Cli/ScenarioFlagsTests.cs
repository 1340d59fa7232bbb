namespace FleetSim.Tests.Cli;

/// <summary>--router on every verb that reads a scenario, and files a scenario names that are not there.</summary>
public class ScenarioFlagsTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [TestCase("run")]
    [TestCase("compare")]
    [TestCase("sweep")]
    [TestCase("report")]
    [TestCase("tiers")]
    [TestCase("validate")]
    public void EveryScenarioVerbTakesRouterAndNamesAWrongMode(string verb)
    {
        string scenario = Path.Combine(Path.GetTempPath(), $"fleetsim-router-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(scenario, global::FleetSim.Scenario.ScenarioLoader.DefaultScenarioYaml());
        var (code, _, err) = Run(verb, scenario, "--router", "roundrobin");
        File.Delete(scenario);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Is.EqualTo("fleetsim: --router: expected 'spill', 'fluid', 'queue', 'cooldown' or 'litellm', found 'roundrobin'" + Environment.NewLine));
        });
    }

    [Test]
    public void CompareRunsTheRouterItIsGiven()
    {
        var (code, text, _) = Run("compare", "--router", "fluid", "--set", "horizon_hours=24", "--policies", "floor", "--json",
                                  "--out", Path.Combine(Path.GetTempPath(), "fleetsim-router-" + Guid.NewGuid().ToString("N")));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            // Under the fluid router the floor fleet (sized under the trough) is busy every minute; under the
            // scenario's own spill router, Erlang losses leave it below 1.
            Assert.That(text, Does.Contain("\"utilization\": 1,"));
        });
    }

    [TestCase("router.litellm_config")]
    [TestCase("traffic.trace")]
    public void AFileTheScenarioNamesThatIsNotThereIsTheScenariosError(string key)
    {
        string dir = Directory.CreateTempSubdirectory("fleetsim-missing-").FullName;
        string scenario = Path.Combine(dir, "s.yaml");
        string yaml = global::FleetSim.Scenario.ScenarioLoader.DefaultScenarioYaml();
        yaml = key == "traffic.trace"
            ? yaml[..yaml.IndexOf("traffic:", StringComparison.Ordinal)] + "traffic:\n  trace: gone.csv\n" + yaml[yaml.IndexOf("\nreplica:", StringComparison.Ordinal)..]
            : yaml.Replace("router:\n", "router:\n  litellm_config: gone.yaml\n", StringComparison.Ordinal).Replace("mode: spill", "mode: litellm", StringComparison.Ordinal);
        File.WriteAllText(scenario, yaml);
        var (code, _, err) = Run("validate", scenario);
        Directory.Delete(dir, recursive: true);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Match($@"^fleetsim: .*s\.yaml:\d+:\d+: {key.Replace(".", @"\.")}: no such file: '.*gone\.(csv|yaml)'"));
        });
    }
}
