using System.Globalization;
using FleetSim.Scenario;

namespace FleetSim.Tests.Traffic;

/// <summary>Small traces and scenarios on them, written by the tests into their own temp directory.</summary>
public abstract class TraceFixtures
{
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void MakeDir() => Dir = Directory.CreateTempSubdirectory("fleetsim-trace-cal-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(Dir, recursive: true);

    protected static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A per-minute aggregate trace: minute i carries requests[i] requests of 900 input + 100 output tokens.</summary>
    protected string PerMinute(string name, IEnumerable<int> requests)
    {
        string path = Path.Combine(Dir, name);
        using var w = new StreamWriter(path);
        w.WriteLine("minute,requests,input_tokens,output_tokens");
        int m = 0;
        foreach (int n in requests)
        {
            w.WriteLine(string.Create(Inv, $"{m++},{n},{n * 900},{n * 100}"));
        }
        return path;
    }

    /// <summary>An Azure-format trace (TIMESTAMP,ContextTokens,GeneratedTokens) of requests at the given instants, 900 + 100 tokens each.</summary>
    protected string Azure(string name, IEnumerable<DateTime> stamps, string suffix = "")
    {
        string path = Path.Combine(Dir, name);
        using var w = new StreamWriter(path);
        w.WriteLine("TIMESTAMP,ContextTokens,GeneratedTokens");
        foreach (DateTime t in stamps)
        {
            w.WriteLine(string.Create(Inv, $"{t:yyyy-MM-dd HH:mm:ss.fffffff}{suffix},900,100"));
        }
        return path;
    }

    /// <summary>A BurstGPT-format trace of requests at the given seconds, <paramref name="tokens"/> tokens each (10 % output).</summary>
    protected string BurstGpt(string name, IEnumerable<double> seconds, double tokens = 1000)
    {
        string path = Path.Combine(Dir, name);
        using var w = new StreamWriter(path);
        w.WriteLine("Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type");
        foreach (double s in seconds)
        {
            w.WriteLine(string.Create(Inv, $"{s:0.######},ChatGPT,{tokens * 0.9:R},{tokens * 0.1:R},{tokens:R},Conversation log"));
        }
        return path;
    }

    /// <summary>A scenario on the trace <paramref name="trace"/> (a file in <see cref="Dir"/>), 8 TP4 replicas of 8 slots at 26.6K tok/s, spill router.</summary>
    protected ScenarioSpec OnTrace(string trace, double hours, string trafficExtra = "", string fleet = "replicas: 8")
    {
        string yaml = $"""
            name: on-trace
            horizon_hours: {hours.ToString(Inv)}
            traffic:
              trace: {Path.GetFileName(trace)}
            {trafficExtra}
            replica:
              gpus: 4
              gpus_per_node: 4
              processed_tokens_per_second: 26.6K
              max_in_flight: 8
              usd_per_gpu_hour: 6
            fleet:
              {fleet}
            router:
              mode: spill
            api:
              usd_per_million_tokens: 0.317
            """;
        string path = Path.Combine(Dir, "scenario.yaml");
        File.WriteAllText(path, yaml);
        return ScenarioLoader.LoadFile(path);
    }

    /// <summary>Runs the fleetsim command line in process: its exit code, what it printed and what it said on stderr.</summary>
    protected static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Poisson arrival times at <paramref name="perSecond"/> over [0, <paramref name="seconds"/>).</summary>
    protected static IEnumerable<double> Poisson(double perSecond, double seconds, int seed)
    {
        var random = new Random(seed);
        for (double t = -Math.Log(1 - random.NextDouble()) / perSecond; t < seconds; t += -Math.Log(1 - random.NextDouble()) / perSecond)
        {
            yield return t;
        }
    }
}
