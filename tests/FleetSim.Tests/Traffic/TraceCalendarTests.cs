using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traffic;

/// <summary>A trace on the calendar: its exact length, its clock hour and weekday, its time zone (issue 14, items 6–9).</summary>
public sealed class TraceCalendarTests : TraceFixtures
{
    /// <summary>A week of Azure-format requests from <paramref name="start"/>: 10 a minute on weekdays and 3 on weekend days, by the stamps' own weekday.</summary>
    private IEnumerable<DateTime> Week(DateTime start)
    {
        for (int m = 0; m < 7 * 1440; m++)
        {
            DateTime minute = start.AddMinutes(m);
            int n = minute.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 3 : 10;
            for (int i = 0; i < n; i++)
            {
                yield return minute.AddSeconds(60.0 * i / n);
            }
        }
    }

    [Test]
    public void TheSameWeekStartingSaturdayOrMondayGivesTheSameCalendar()
    {
        // Both files hold one week of the same traffic by weekday; one starts on Monday 2024-01-01, the other
        // on Saturday 2024-01-06. On the calendar (minute 0 = Monday 00:00) both put weekdays at 10/3 of the weekend.
        ScenarioSpec monday = OnTrace(Azure("monday.csv", Week(new DateTime(2024, 1, 1))), 7 * 24, "  scale_to_monthly_tokens: 583B");
        double[] fromMonday = DemandBuilder.Build(monday.Traffic, monday.Horizon).HourlyMeans();
        ScenarioSpec saturday = OnTrace(Azure("saturday.csv", Week(new DateTime(2024, 1, 6))), 7 * 24, "  scale_to_monthly_tokens: 583B");
        double[] fromSaturday = DemandBuilder.Build(saturday.Traffic, saturday.Horizon).HourlyMeans();
        var trace = ((TraceShape)saturday.Traffic.DailyShape).Profile;
        Assert.Multiple(() =>
        {
            Assert.That(trace.Clock.StartMinuteOfWeek, Is.EqualTo(5 * 1440), "Saturday 00:00");
            Assert.That(fromSaturday, Is.EqualTo(fromMonday).Within(1e-6).Percent);
            Assert.That(fromSaturday[0] / fromSaturday[5 * 24], Is.EqualTo(10.0 / 3).Within(1e-6).Percent, "Monday against Saturday");
            Assert.That(fromSaturday[4 * 24 + 23] / fromSaturday[6 * 24], Is.EqualTo(10.0 / 3).Within(1e-6).Percent, "Friday night against Sunday");
        });
    }

    [Test]
    public void ATimeZoneMovesTheClockOfStampsWithAnOffsetAndNamesTheWallClockOfStampsWithout()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Tokyo", out _))
        {
            Assert.Ignore("this machine has no time-zone database");
        }
        var start = new DateTime(2024, 1, 1, 0, 0, 0); // Monday
        DateTime[] stamps = [.. Enumerable.Range(0, 600).Select(i => start.AddSeconds(6 * i))];
        TraceProfile utc = TraceProfile.Read(Azure("z.csv", stamps, "+00:00"), new TraceOptions());
        TraceProfile tokyo = TraceProfile.Read(Path.Combine(Dir, "z.csv"), new TraceOptions(), "Asia/Tokyo");
        TraceProfile wall = TraceProfile.Read(Azure("wall.csv", stamps), new TraceOptions(), "Asia/Tokyo");
        Assert.Multiple(() =>
        {
            Assert.That(utc.Clock.StartMinuteOfWeek, Is.EqualTo(0));
            Assert.That(tokyo.Clock.StartMinuteOfWeek, Is.EqualTo(9 * 60), "00:00 UTC is 09:00 in Tokyo (UTC+9, no daylight saving)");
            Assert.That(wall.Clock.StartMinuteOfWeek, Is.EqualTo(0), "stamps without an offset are Tokyo's wall clock");
            Assert.That(() => TraceProfile.Read(Path.Combine(Dir, "z.csv"), new TraceOptions(), "Mars/Olympus"),
                        Throws.ArgumentException.With.Message.Contains("unknown time zone 'Mars/Olympus'"));
        });
    }

    [Test]
    public void ADayOneMinuteShortTilesWithItsOwnLength()
    {
        // 1,439 minutes with one busy minute at 600: tiled, the peak comes back every 1,439 minutes, not every 23 hours.
        string trace = PerMinute("short-day.csv", Enumerable.Range(0, 1439).Select(m => m == 600 ? 50 : 10));
        TraceProfile p = TraceProfile.Read(trace, new TraceOptions());
        double[] tiled = p.Tiled(3 * 1440, 1e9);
        int[] peaks = [.. Enumerable.Range(0, tiled.Length).Where(m => tiled[m] > 2 * tiled[0])];
        Assert.Multiple(() =>
        {
            Assert.That(p.Minutes, Is.EqualTo(1439));
            Assert.That(peaks, Is.EqualTo(new[] { 600, 600 + 1439, 600 + 2 * 1439 }));
        });
    }

    [Test]
    public void APartialLastMinuteCountsForTheSecondsItCovers()
    {
        // One request a second at 0, 1, …, 1229 s: 1,230 requests over 1,230 s (1,229 gaps and one more),
        // 1,000 tokens each: 1,000 tok/s, a month of 730 · 3,600 · 1,000 tokens. Read as 21 whole
        // minutes it would be 1,230,000 / 1,260 s, 2.4 % low.
        TraceProfile p = TraceProfile.Read(BurstGpt("ragged.csv", Enumerable.Range(0, 1230).Select(i => (double)i)), new TraceOptions());
        Assert.Multiple(() =>
        {
            Assert.That(p.Seconds, Is.EqualTo(1230).Within(1e-9));
            Assert.That(p.MonthlyTokens, Is.EqualTo(730 * 3600 * 1000.0).Within(1e-9).Percent);
            Assert.That(p.Minutes, Is.EqualTo(21), "20.5 minutes round to 21");
            Assert.That(p.MinuteRate[^1], Is.EqualTo(1000).Within(1e-9).Percent, "the last minute covers 30 s with 30 requests");
        });
    }

    [Test]
    public void CalendarFactorsBesideATraceAreRefusedWithTheLine()
    {
        string trace = PerMinute("m.csv", Enumerable.Repeat(10, 120));
        var e = Assert.Throws<ScenarioException>(() => OnTrace(trace, 24, "  weekend_factor: 0.5"))!;
        Assert.That(e.Message, Does.Contain("scenario.yaml:5").And.Contain("traffic.weekend_factor").And.Contain("brings its own week"));
    }

    [Test]
    public void RowsSkippedOrReorderedAreTheRunsWarnings()
    {
        string path = Path.Combine(Dir, "bad.csv");
        File.WriteAllLines(path, ["minute,requests,input_tokens,output_tokens", .. Enumerable.Range(0, 120).Select(m => m == 7 ? "7,x,1,1" : $"{m},10,9000,1000")]);
        ScenarioSpec s = OnTrace(path, 24, "  skip_bad_rows: true");
        Assert.That(s.Warnings, Has.Some.Contains("bad.csv: 1 of 120 rows were malformed and skipped"));
    }

    [Test]
    public void RowsOutOfOrderWithinTheWindowAreSortedNotPiledIntoTheFirstMinute()
    {
        // 18:10, 18:00, 18:05: three requests from 18:00 on, 300 s apart: 900 s (two gaps and one more), 15 minutes.
        var day = new DateTime(2023, 11, 16);
        TraceProfile p = TraceProfile.Read(Azure("unsorted.csv", [day.AddMinutes(18 * 60 + 10), day.AddHours(18), day.AddMinutes(18 * 60 + 5)]), new TraceOptions());
        Assert.Multiple(() =>
        {
            Assert.That(p.Seconds, Is.EqualTo(900).Within(1e-9));
            Assert.That(p.Minutes, Is.EqualTo(15));
            Assert.That(p.Clock.LocalStart, Is.EqualTo(day.AddHours(18)));
            Assert.That(p.MinuteRate.Count(r => r > 0), Is.EqualTo(3), "one request in each of minutes 0, 5 and 10");
        });
    }
}
