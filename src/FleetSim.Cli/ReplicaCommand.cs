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
        if (o.Out is { } target && Directory.Exists(target))
        {
            throw new UsageException($"--out: {target} is a folder; give the file to write the replica section to");
        }
        var points = new List<BenchmarkPoint>();
        foreach (string file in o.Files)
        {
            points.AddRange(BenchmarkFile.Read(file));
        }
        string yaml = ReplicaSection.Yaml(MeasuredCurve.Of(points, o.ToPeak), o.Gpus);
        if (o.Out is { } path)
        {
            File.WriteAllText(path, yaml);
        }
        stdout.Write(yaml);
        return ExitCode.Ok;
    }
}
