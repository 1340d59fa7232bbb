using FleetSim.Cli.Verbs;
using FleetSim.Replicas;

namespace FleetSim.Cli;

/// <summary>fleetsim replica fit FILE...: the replica: section of a scenario from benchmark results.</summary>
public static class ReplicaCommand
{
    /// <summary>
    /// Reads every result file, fits the curve and prints the section (and writes it to --out); exit code 0.
    /// Bad flags are <see cref="UsageException"/>s, bad files <see cref="BenchmarkException"/>s or
    /// <see cref="Scenario.ScenarioException"/>s (missing, a folder, too big): one line and exit code 2.
    /// </summary>
    public static int Execute(ReplicaVerbOptions o, TextWriter stdout, TextWriter stderr)
    {
        if (o.Action != "fit")
        {
            throw new UsageException($"replica: expected 'fit', found '{o.Action}'");
        }
        if (!o.Files.Any())
        {
            throw new UsageException("replica fit: give the benchmark result files (see 'fleetsim replica --help')");
        }
        if (o.Gpus is { } gpus && gpus is < 1 or > 1024)
        {
            throw new UsageException($"--gpus: expected the replica's GPUs, 1 to 1024 (got {gpus})");
        }
        // Checked before any file is read: a folder in the way is refused at once.
        OutputDirectory? output = o.Out is { } target ? new OutputDirectory(target, Files, o.Force) : null;
        var points = new List<BenchmarkPoint>();
        foreach (string file in o.Files)
        {
            points.AddRange(BenchmarkFile.Read(file));
        }
        string yaml = ReplicaSection.Yaml(MeasuredCurve.Of(points, o.ToPeak), o.Gpus, Invocation.ForFiles(o.Files));
        stdout.Write(yaml);
        if (output is not null)
        {
            output.Add("replica.yaml", w => w.Write(yaml));
            Notes.Wrote(output.Commit(), o.Quiet, stderr);
        }
        return ExitCode.Ok;
    }

    /// <summary>The file --out DIR receives.</summary>
    public static readonly string[] Files = ["replica.yaml"];
}
