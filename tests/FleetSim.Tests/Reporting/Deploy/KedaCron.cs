using YamlDotNet.RepresentationModel;

namespace FleetSim.Tests.Reporting.Deploy;

/// <summary>
/// KEDA's cron scaler read independently of the writer, on a synthetic week whose minute 0 is Monday
/// 00:00: a trigger is active when its next end comes no later than its next start, each the first
/// match strictly after now (kedacore/keda pkg/scalers/cron_scaler.go, GetMetricsAndActivity with
/// robfig/cron's Next); KEDA runs the largest desiredReplicas of the active triggers, else minReplicaCount.
/// </summary>
internal sealed class KedaCron
{
    private const int Week = 7 * 1440;

    public int Min { get; }
    public int Max { get; }
    public List<(string Start, string End, int Replicas)> Triggers { get; } = [];

    private readonly Dictionary<string, int[]> _next = [];

    public KedaCron(string scaledObjectYaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(scaledObjectYaml));
        var spec = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["spec"];
        Min = int.Parse(((YamlScalarNode)spec["minReplicaCount"]).Value!);
        Max = int.Parse(((YamlScalarNode)spec["maxReplicaCount"]).Value!);
        foreach (YamlMappingNode trigger in ((YamlSequenceNode)spec["triggers"]).Children.Cast<YamlMappingNode>())
        {
            Assert.That(((YamlScalarNode)trigger["type"]).Value, Is.EqualTo("cron"));
            var meta = (YamlMappingNode)trigger["metadata"];
            Triggers.Add((((YamlScalarNode)meta["start"]).Value!, ((YamlScalarNode)meta["end"]).Value!, int.Parse(((YamlScalarNode)meta["desiredReplicas"]).Value!)));
        }
    }

    /// <summary>The replicas KEDA asks for at <paramref name="minuteOfWeek"/>.</summary>
    public int ReplicasAt(int minuteOfWeek)
    {
        int wanted = Min;
        foreach (var (start, end, replicas) in Triggers)
        {
            if (Next(end, minuteOfWeek) <= Next(start, minuteOfWeek))
            {
                wanted = Math.Max(wanted, replicas);
            }
        }
        return Math.Min(wanted, Max);
    }

    /// <summary>The first minute strictly after <paramref name="now"/> (within the week) that <paramref name="cron"/> matches.</summary>
    private int Next(string cron, int now)
    {
        if (!_next.TryGetValue(cron, out int[]? next))
        {
            // Backwards over two weeks: next[t] is the first firing minute after t.
            next = new int[Week];
            int upcoming = int.MaxValue;
            var (minute, hour, days) = Parse(cron);
            for (int t = 2 * Week - 1; t >= 0; t--)
            {
                if (t < Week)
                {
                    next[t] = upcoming;
                }
                int m = t % Week;
                int cronDay = (m / 1440 + 1) % 7; // minute 0 is a Monday; cron counts Sunday as 0
                if (m % 60 == minute && m % 1440 / 60 == hour && days.Contains(cronDay))
                {
                    upcoming = t;
                }
            }
            Assert.That(next[0], Is.LessThan(int.MaxValue), $"'{cron}' never fires");
            _next[cron] = next;
        }
        return next[now];
    }

    /// <summary>"m h * * dow": the minute, the hour and the days of the week (Sunday 0).</summary>
    private static (int Minute, int Hour, HashSet<int> Days) Parse(string cron)
    {
        string[] f = cron.Split(' ');
        Assert.That(f, Has.Length.EqualTo(5), cron);
        Assert.That(f[2] == "*" && f[3] == "*", cron);
        return (int.Parse(f[0]), int.Parse(f[1]), Days(f[4]));
    }

    private static HashSet<int> Days(string field)
    {
        var days = new HashSet<int>();
        foreach (string part in field.Split(','))
        {
            if (part == "*")
            {
                days.UnionWith(Enumerable.Range(0, 7));
            }
            else if (part.Split('-') is [var from, var to])
            {
                days.UnionWith(Enumerable.Range(int.Parse(from), int.Parse(to) - int.Parse(from) + 1));
            }
            else
            {
                days.Add(int.Parse(part));
            }
        }
        return days;
    }
}
