using System.Diagnostics;

namespace FleetSim.Tests.Limits;

/// <summary>
/// Runs the fleetsim command in-process on hostile input, in a temp folder of the test's own, and holds it to
/// the input-limits promise: exit code 2, one line naming the place and the limit, no stack trace, and quickly
/// (the time bound is what shows the work stayed bounded: the unbounded reads these replace took 10 s and 4 GB).
/// </summary>
public abstract class LimitCase
{
    /// <summary>Seconds a refusal may take; every case here is refused after reading at most a few MiB.</summary>
    protected const double Quick = 10;

    protected string Dir { get; private set; } = "";

    [SetUp]
    public void MakeDir()
    {
        Dir = Path.Combine(Path.GetTempPath(), "fleetsim-limits-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    [TearDown]
    public void RemoveDir()
    {
        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }

    /// <summary>Writes <paramref name="text"/> to a file in the test's folder and returns its path.</summary>
    protected string Write(string name, string text)
    {
        string path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A scenario like the seed's whose traffic is <paramref name="traffic"/> (YAML lines indented by two).</summary>
    protected string Scenario(string name, string traffic, string router = "  mode: spill") => Write(name, $"""
        name: limits
        horizon_hours: 168
        traffic:
        {traffic}
        replica:
          gpus: 4
          gpus_per_node: 8
          processed_tokens_per_second: 26.6K
          max_in_flight: 8
          usd_per_gpu_hour: 6
        router:
        {router}
        api:
          usd_per_million_tokens: 0.317
        """);

    /// <summary>Runs fleetsim with <paramref name="args"/>; asserts exit 2, a one-line message holding every one of <paramref name="named"/>, and the time bound.</summary>
    protected static string Refused(string[] args, params string[] named)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var clock = Stopwatch.StartNew();
        int code = FleetSim.Cli.Cli.Run(args, stdout, stderr);
        double seconds = clock.Elapsed.TotalSeconds;
        string message = stderr.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), message);
            Assert.That(message, Does.StartWith("fleetsim: "));
            Assert.That(message.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
            Assert.That(message, Does.Not.Contain("   at "));
            foreach (string n in named)
            {
                Assert.That(message, Does.Contain(n));
            }
            Assert.That(seconds, Is.LessThan(Quick), "bounded work");
        });
        return message;
    }
}
