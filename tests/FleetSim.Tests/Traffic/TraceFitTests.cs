using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traffic;

/// <summary>`trace fit` and `trace summarize` keep what the trace shows (issue 14, items 4, 5 and 9).</summary>
public sealed class TraceFitTests : TraceFixtures
{
    [Test]
    public void FitRefusesATraceShorterThanADay()
    {
        string trace = PerMinute("two-hours.csv", Enumerable.Repeat(10, 120));
        string outDir = Path.Combine(Dir, "fit");
        var (code, _, err) = Cli("trace", "fit", trace, "--out", outDir);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Contain("covers 2 h 0 min, less than a day").And.Contain("traffic: {trace: FILE}"));
            Assert.That(Directory.Exists(outDir), Is.False, "nothing written");
        });
    }

    [Test]
    public void AWeekWithQuietWeekendsFitsAWeekendFactor()
    {
        // Undated per-minute aggregates start on Monday: weekdays at 100 requests a minute, weekends at 30.
        string trace = PerMinute("week.csv", Enumerable.Range(0, 7 * 1440).Select(m => m / 1440 >= 5 ? 30 : 100));
        TraceWeekFit fit = TraceWeekFit.Of(TraceProfile.Read(trace, new TraceOptions()));
        var (code, yaml, _) = Cli("trace", "fit", trace, "--out", Path.Combine(Dir, "fit"));
        Assert.Multiple(() =>
        {
            Assert.That(fit.WeekendFactor, Is.EqualTo(0.3).Within(1e-9));
            Assert.That(fit.Levels, Is.All.EqualTo(1).Within(1e-9), "flat within the day");
            Assert.That(code, Is.EqualTo(0));
            Assert.That(yaml, Does.Contain("weekday_factor: 1\n").And.Contain("weekend_factor: 0.3 "));
        });
    }

    [Test]
    public void AWeekdayOnlyTraceFitsNoWeekendFactor()
    {
        string trace = PerMinute("days.csv", Enumerable.Range(0, 2 * 1440).Select(m => 10 + m % 1440 / 60));
        TraceWeekFit fit = TraceWeekFit.Of(TraceProfile.Read(trace, new TraceOptions()));
        Assert.Multiple(() =>
        {
            Assert.That(fit.WeekendFactor, Is.Null);
            Assert.That(fit.Levels[23], Is.EqualTo(1));
            Assert.That(fit.Levels[0], Is.EqualTo(10.0 / 33).Within(1e-9), "hour 0 at 10 requests a minute, hour 23 at 33");
        });
    }

    [Test]
    public void ADatedTraceFitsByClockHour()
    {
        // Two days from 18:00: requests only between 20:00 and 21:00, so the fitted level is 1 at hour 20 and 0 elsewhere.
        var start = new DateTime(2024, 1, 2, 18, 0, 0);
        var stamps = Enumerable.Range(0, 2 * 86_400 / 10).Select(i => start.AddSeconds(10 * i)).Where(t => t.Hour == 20);
        string trace = Azure("evenings.csv", [start, .. stamps, start.AddDays(2).AddSeconds(-1)]);
        TraceWeekFit fit = TraceWeekFit.Of(TraceProfile.Read(trace, new TraceOptions()));
        Assert.Multiple(() =>
        {
            Assert.That(fit.Levels[20], Is.EqualTo(1));
            Assert.That(fit.Levels.Where((_, h) => h is not (18 or 20 or 17)), Is.All.EqualTo(0));
        });
    }

    [Test]
    public void SummaryCountsAnIdleHourInThePeakToTrough()
    {
        // Two days per minute, hour 3 of each day idle: the trough is 0, not the quietest busy hour.
        string trace = PerMinute("idle.csv", Enumerable.Range(0, 2 * 1440).Select(m => m % 1440 / 60 == 3 ? 0 : 10 + m % 1440 / 60));
        var (code, text, _) = Cli("trace", "summarize", trace, "--out", Path.Combine(Dir, "s"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(text, Does.Contain("peak-to-trough unbounded: 1 hour of the day with no traffic"));
            Assert.That(text, Does.Contain("starts undated"));
        });
    }

    /// <summary>An OpenAI usage CSV of hourly buckets from 2025-01-15 00:00 UTC: hour h has h requests of 1,000 input (400 cached) and 100 output tokens; hour 0 is idle.</summary>
    private string HourlyUsage(int hours)
    {
        string path = Path.Combine(Dir, "usage.csv");
        long start = new DateTimeOffset(2025, 1, 15, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        File.WriteAllLines(path, ["start_time,end_time,input_tokens,input_cached_tokens,output_tokens,num_model_requests,model",
            .. Enumerable.Range(0, hours).Select(h => $"{start + 3600 * h},{start + 3600 * (h + 1)},{1000 * h},{400 * h},{100 * h},{h},gpt-4o")]);
        return path;
    }

    [Test]
    public void AnHourlyUsageExportSpreadsEachBucketOverItsHourAndKeepsTheIdleOne()
    {
        TraceProfile p = TraceProfile.Read(HourlyUsage(3), new TraceOptions());
        Assert.Multiple(() =>
        {
            Assert.That(p.Seconds, Is.EqualTo(3 * 3600));
            Assert.That(p.MinuteRate[..60], Is.All.EqualTo(0), "hour 0 is idle but covered");
            Assert.That(p.MinuteRate[60..120], Is.All.EqualTo(1 * 1100 / 3600.0).Within(1e-12));
            Assert.That(p.MinuteRate[120..], Is.All.EqualTo(2 * 1100 / 3600.0).Within(1e-12));
            Assert.That(p.Clock.Describe(), Is.EqualTo("Wed 2025-01-15 00:00 UTC"));
        });
    }

    [Test]
    public void FitAndTheScenarioKeepTheCachedShareOfAUsageExport()
    {
        // 400 of every 1,000 input tokens cached: a share of 0.4 for the typed API prices.
        string trace = HourlyUsage(24);
        var (code, yaml, _) = Cli("trace", "fit", trace, "--out", Path.Combine(Dir, "fit"));
        var s = OnTrace(trace, 24);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(yaml, Does.Contain("cache_hit_share: 0.4   # cached prompt tokens over prompt tokens, from the trace"));
            Assert.That(yaml, Does.Contain("processed_tokens: 1100").And.Contain("output_tokens: 100"));
            Assert.That(yaml, Does.Contain("# hour 0 is midnight, UTC"));
            Assert.That(s.Traffic.RequestMix.CacheHitShare, Is.EqualTo(0.4).Within(1e-12));
            Assert.That(s.Traffic.RequestMix.ProcessedTokens, Is.EqualTo(1100).Within(1e-9));
        });
    }

    [Test]
    public void FitKeepsTheTracesCachedShare()
    {
        // A per-minute trace has no cached column; a profile with cached tokens writes their share.
        string trace = PerMinute("days.csv", Enumerable.Repeat(10, 1440));
        var (_, yaml, _) = Cli("trace", "fit", trace, "--out", Path.Combine(Dir, "fit"));
        Assert.That(yaml, Does.Contain("cache_hit_share: 0   # this trace records no prompt-cache hits"));
    }
}
