using FleetSim.Replicas;

namespace FleetSim.Tests.Replicas;

/// <summary>Benchmark result files for `replica fit` tests: the hand-written ones under Data/, and temporary ones a test writes.</summary>
public abstract class ReplicaFixtures
{
    /// <summary>The repository's root, from the test binary's folder (tests/FleetSim.Tests/bin/CONFIG/TFM).</summary>
    protected static readonly string RepoRoot = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    protected string Dir { get; private set; } = "";

    [SetUp]
    public void MakeDir() => Dir = Directory.CreateTempSubdirectory("fleetsim-replica-fit-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(Dir, recursive: true);

    /// <summary>A hand-written result under tests/FleetSim.Tests/Replicas/Data.</summary>
    protected static string Data(string name) => Path.Combine(RepoRoot, "tests/FleetSim.Tests/Replicas/Data", name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in <see cref="Dir"/> and returns its path.</summary>
    protected string Write(string name, string text)
    {
        string path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A copy of the Data file <paramref name="name"/> with <paramref name="from"/> replaced by <paramref name="to"/> (which must occur).</summary>
    protected string Edited(string name, string from, string to, string? asName = null)
    {
        string text = File.ReadAllText(Data(name));
        Assert.That(text, Does.Contain(from), "the edit must apply");
        return Write(asName ?? name, text.Replace(from, to));
    }

    /// <summary>The one point a file measured.</summary>
    protected static BenchmarkPoint Single(string path)
    {
        IReadOnlyList<BenchmarkPoint> points = BenchmarkFile.Read(path);
        Assert.That(points, Has.Count.EqualTo(1));
        return points[0];
    }

    /// <summary>Runs the fleetsim command line in process: its exit code, stdout and stderr.</summary>
    protected static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts the command refused with exit code 2 and one line on stderr holding every one of <paramref name="parts"/>.</summary>
    protected static void Refused(string[] args, params string[] parts)
    {
        var (code, stdout, stderr) = Cli(args);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), stderr);
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), "one line");
            foreach (string part in parts)
            {
                Assert.That(stderr, Does.Contain(part));
            }
        });
    }
}
