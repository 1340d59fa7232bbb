using System.Text;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>Each test's own temp directory of small trace files, written by the test itself.</summary>
public abstract class TraceFiles
{
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void MakeDir()
    {
        Dir = Path.Combine(Path.GetTempPath(), "fleetsim-traces-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    [TearDown]
    public void RemoveDir()
    {
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }

    /// <summary>Writes the lines joined by <paramref name="newline"/> (UTF-8, a BOM when asked).</summary>
    protected string Write(string name, string[] lines, string newline = "\n", bool bom = false)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, string.Join(newline, lines) + newline, new UTF8Encoding(bom));
        return path;
    }

    protected static List<TraceRequest> ReadAll(string path, TraceOptions? options = null, TraceStats? stats = null) =>
        [.. TraceReader.Read(path, options ?? new TraceOptions(), stats ?? new TraceStats())];

    /// <summary>The exception a full read of the file throws.</summary>
    protected static TraceException ReadFails(string path, TraceOptions? options = null) =>
        Assert.Throws<TraceException>(() => ReadAll(path, options))!;
}
