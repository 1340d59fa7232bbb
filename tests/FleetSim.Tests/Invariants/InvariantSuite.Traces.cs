using System.Globalization;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Invariants;

/// <summary>
/// Issue 14: random traces (per-minute aggregates, dated per-request rows in a random time zone, undated
/// per-request rows; random lengths, levels, idle stretches and start times) as a scenario's traffic,
/// each checked against what holds for any trace: the profile keeps every token and its length, the
/// tiled demand repeats with the trace's period from its clock minute and carries the calendar's share
/// of the volume, and the request engine's replay carries the minute engine's demand.
/// </summary>
public partial class InvariantSuite
{
    private const int TraceScenarios = 40;

    private static readonly string[] Zones = ["UTC", "Asia/Tokyo", "America/New_York"];

    [Test]
    public void TraceReplaysKeepTheirTokensLengthClockAndVolume()
    {
        InvariantChecks checks = Start("trace");
        string dir = Directory.CreateTempSubdirectory("fleetsim-invariant-traces-").FullName;
        try
        {
            Property(checks, () =>
            {
                for (int i = 0; i < TraceScenarios; i++)
                {
                    int seed = unchecked(BaseSeed * 7919 + 14_000_003 + i);
                    var random = new Random(seed);
                    GeneratedTrace trace = GeneratedTrace.Write(dir, random);
                    double hours = 1 + random.Next(96);
                    double monthly = Math.Round(Math.Exp(random.NextDouble() * Math.Log(1000)) * 1e9);
                    string zone = Zones[random.Next(Zones.Length)];
                    string yaml = string.Create(CultureInfo.InvariantCulture, $$"""
                        name: trace-{{seed}}
                        horizon_hours: {{hours}}
                        traffic:
                          trace: {{Path.GetFileName(trace.Path)}}
                          trace_timezone: {{zone}}
                          scale_to_monthly_tokens: {{monthly}}
                        replica: { gpus: 4, gpus_per_node: 4, processed_tokens_per_second: 26.6K, max_in_flight: 8, usd_per_gpu_hour: 6 }
                        fleet: { replicas: {{1 + random.Next(12)}} }
                        router: { mode: spill }
                        api: { usd_per_million_tokens: 0.317 }
                        """);
                    checks.Generated++;
                    checks.Context = $"trace seed {seed}: {trace.Describe()}, {hours} h, {monthly:G3} tokens a month, zone {zone}";
                    string path = Path.Combine(dir, $"scenario-{i}.yaml");
                    File.WriteAllText(path, yaml);
                    ScenarioSpec s = ScenarioLoader.LoadFile(path);
                    TraceProfile p = ((TraceShape)s.Traffic.DailyShape).Profile;
                    CheckProfile(checks, p, trace);
                    DemandSeries demand = DemandBuilder.Build(s.Traffic, s.Horizon);
                    CheckTiling(checks, p, demand, monthly);
                    bool zero = demand.Total.Value <= 0;
                    checks.ZeroDemand += zero ? 1 : 0;
                    if (demand.Total.Value / p.MeanProcessedTokens > 400_000)
                    {
                        continue;
                    }
                    Guard(checks, zero, "trace run (request engine)", () =>
                    {
                        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Request);
                        checks.Bill(run.Bill, "trace/request");
                        long n = run.Requests!.Requests.Total;
                        // Each arrival's count is a sum of independent stochastic roundings: a few per cent
                        // on small runs, well under one per cent on large ones.
                        double tolerance = 6 / Math.Sqrt(Math.Max(1, n)) + 0.002;
                        checks.Close(run.Requests.DemandTokens.Value, demand.Total.Value, tolerance, 0, "trace/request: the replay carries the minute engine's demand");
                    });
                }
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void CheckProfile(InvariantChecks checks, TraceProfile p, GeneratedTrace trace)
    {
        checks.Close(p.ProcessedTokens, trace.Tokens, 1e-12, 0, "trace: the profile keeps every token");
        checks.True(p.Requests == trace.Requests, "trace: the profile counts every request", () => $"{p.Requests} against {trace.Requests}");
        checks.Close(p.Seconds, trace.Seconds, 1e-9, 1, "trace: its length is last − first plus the mean of the last 100 gaps (pauses over an hour left out), or its buckets' end");
        checks.True(p.Minutes == Math.Max(1, (int)Math.Round(trace.Seconds / 60, MidpointRounding.AwayFromZero)), "trace: its period is its length in whole minutes",
            () => $"{p.Minutes} minutes for {trace.Seconds} s");
        checks.Close(p.MinuteRate.Sum() * 60 - p.MinuteRate[^1] * (60 - p.LastMinuteSeconds), p.ProcessedTokens, 1e-9, 0,
            "trace: its minutes hold its tokens over the seconds each covers");
        checks.Close(p.DemandRate.Sum(), p.MinuteRate.Sum(), 1e-9, 0, "trace: taking out sampling noise keeps the minutes' sum");
        checks.True(p.DemandRate.All(r => r >= 0), "trace: demand minutes are never negative");
        checks.True(p.Clock.StartMinuteOfWeek == trace.StartMinuteOfWeek(p.Clock.Zone), "trace: it starts on its own clock minute",
            () => $"{p.Clock.StartMinuteOfWeek} against {trace.StartMinuteOfWeek(p.Clock.Zone)}");
    }

    private static void CheckTiling(InvariantChecks checks, TraceProfile p, DemandSeries demand, double monthly)
    {
        ReadOnlySpan<double> rate = demand.Rate;
        int offset = p.Clock.StartMinuteOfWeek;
        // The volume sets the trace's average rate: every minute is the trace's own times volume / the trace's month.
        double scale = monthly / p.MonthlyTokens;
        for (int m = 0; m < rate.Length; m++)
        {
            double expected = p.DemandRate[((m - offset) % p.Minutes + p.Minutes) % p.Minutes] * scale;
            if (Math.Abs(rate[m] - expected) > 1e-9 * Math.Max(expected, 1e-12) + 1e-12)
            {
                checks.Fail("trace: calendar minute m carries trace minute (m − start) mod period, at the volume's rate",
                    $"minute {m}: {rate[m]:R} against {expected:R}");
                return;
            }
        }
        checks.True(true, "trace: calendar minute m carries trace minute (m − start) mod period, at the volume's rate");
    }

    /// <summary>A random trace written to a file, with what it holds computed as it was written.</summary>
    private sealed record GeneratedTrace(string Path, string Kind, long Requests, double Tokens, double Seconds, DateTime? Start, bool WithOffset)
    {
        private static int _count;

        public string Describe() => $"{Kind}, {Requests:N0} requests over {Seconds:N0} s{(Start is { } t ? $" from {t:yyyy-MM-dd HH:mm:ss}{(WithOffset ? "+00:00" : "")}" : "")}";

        /// <summary>Where the trace's first stamp falls in the week on the clock of <paramref name="zone"/>.</summary>
        public int StartMinuteOfWeek(string zone)
        {
            if (Start is not { } t)
            {
                return 0;
            }
            DateTime local = WithOffset ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(zone)) : t;
            return ((int)local.DayOfWeek + 6) % 7 * 1440 + local.Hour * 60 + local.Minute;
        }

        public static GeneratedTrace Write(string dir, Random random)
        {
            string path = System.IO.Path.Combine(dir, $"trace-{Interlocked.Increment(ref _count)}.csv");
            int minutes = 30 + random.Next(3 * 1440);
            double level = 1 + random.Next(40);
            double Rate(int m) => m % 1440 / 60 == 4 && random.NextDouble() < 0.5 ? 0 : level * (1.5 + Math.Sin(m / 1440.0 * 2 * Math.PI)) * (random.NextDouble() < 0.01 ? 5 : 1);
            using var w = new StreamWriter(path);
            var inv = CultureInfo.InvariantCulture;
            long requests = 0;
            double tokens = 0;
            switch (random.Next(3))
            {
                case 0:
                    {
                        w.WriteLine("minute,requests,input_tokens,output_tokens");
                        int first = random.Next(100);
                        for (int m = 0; m < minutes; m++)
                        {
                            int n = (int)Rate(m) + (m == 0 ? 1 : 0);
                            double input = n * (500 + random.Next(5000)), output = n * (10 + random.Next(500));
                            w.WriteLine(string.Create(inv, $"{first + m},{n},{input:R},{output:R}"));
                            requests += n;
                            tokens += input + output;
                        }
                        return new GeneratedTrace(path, "per-minute", requests, tokens, minutes * 60.0, null, false);
                    }
                default:
                    {
                        bool dated = random.Next(2) == 0;
                        bool offset = random.Next(2) == 0;
                        var start = new DateTime(2023, 1, 1).AddMinutes(random.Next(366 * 1440)).AddSeconds(random.Next(60) + 0.25);
                        w.WriteLine(dated ? "TIMESTAMP,ContextTokens,GeneratedTokens" : "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type");
                        double t = 0;
                        var stamps = new List<double>();
                        for (int m = 0; m < minutes; m++)
                        {
                            double perSecond = Rate(m) / 60;
                            if (perSecond <= 0)
                            {
                                t = Math.Max(t, (m + 1) * 60.0);
                                continue;
                            }
                            for (t = Math.Max(t, m * 60.0) + (requests == 0 ? 0 : -Math.Log(1 - random.NextDouble()) / perSecond); t < (m + 1) * 60.0;
                                 t += -Math.Log(1 - random.NextDouble()) / perSecond)
                            {
                                double input = 100 + random.Next(8000), output = 1 + random.Next(800);
                                w.WriteLine(dated
                                    ? string.Create(inv, $"{start.AddTicks((long)Math.Round(t * TimeSpan.TicksPerSecond)):yyyy-MM-dd HH:mm:ss.fffffff}{(offset ? "+00:00" : "")},{input},{output}")
                                    : string.Create(inv, $"{t:0.######},ChatGPT,{input},{output},{input + output},Conversation log"));
                                requests++;
                                tokens += input + output;
                                stamps.Add(dated ? Math.Round(t * TimeSpan.TicksPerSecond) / TimeSpan.TicksPerSecond : double.Parse(t.ToString("0.######", inv), inv));
                            }
                        }
                        int gaps = Math.Min(stamps.Count - 1, 100);
                        double[] pace = [.. Enumerable.Range(1, gaps).Select(k => stamps[^k] - stamps[^(k + 1)]).Where(g => g <= 3600)];
                        double seconds = gaps >= 1 ? Math.Max(60, stamps[^1] - stamps[0] + (pace.Length > 0 ? pace.Average() : 0)) : 60;
                        return new GeneratedTrace(path, dated ? "Azure" : "BurstGPT", requests, tokens, seconds, dated ? start : null, offset);
                    }
            }
        }
    }
}
