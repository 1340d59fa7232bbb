using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traffic;

/// <summary>
/// An export's window, clock-hour noise blocks, and rows no real request could be (issue 14, from a
/// fresh user's review: each of these gave a wrong number without a word).
/// </summary>
public sealed class TraceWindowAndBoundsTests : TraceFixtures
{
    /// <summary>A LiteLLM export of the week from Monday 2025-03-03: one call a minute, weekdays 09:00–18:00 only, 900 + 100 tokens.</summary>
    private string OfficeWeek()
    {
        string path = Path.Combine(Dir, "week.csv");
        var start = new DateTime(2025, 3, 3);
        var lines = new List<string> { "request_id,prompt_tokens,completion_tokens,startTime" };
        for (int m = 0; m < 7 * 1440; m++)
        {
            DateTime t = start.AddMinutes(m);
            if (t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && t.Hour is >= 9 and < 18)
            {
                lines.Add(string.Create(Inv, $"r{m},900,100,{t:yyyy-MM-dd HH:mm:ss}"));
            }
        }
        File.WriteAllLines(path, lines);
        return path;
    }

    [Test]
    public void AnExportsWindowKeepsItsQuietNightsAndWeekend()
    {
        // 5 days × 9 h × 60 calls × 1,000 tokens = 2.7M tokens in a 168-hour week: a 730-hour month is 2.7M × 730 / 168.
        string trace = OfficeWeek();
        TraceProfile cut = TraceProfile.Read(trace, new TraceOptions());
        TraceProfile week = TraceProfile.Read(trace, new TraceOptions(), null, new TraceWindow(new DateTime(2025, 3, 3), new DateTime(2025, 3, 10)));
        Assert.Multiple(() =>
        {
            Assert.That(week.Seconds, Is.EqualTo(7 * 86_400));
            Assert.That(week.MonthlyTokens, Is.EqualTo(2.7e6 * 730 / 168).Within(1e-9).Percent);
            Assert.That(week.Clock.StartMinuteOfWeek, Is.EqualTo(0), "the window starts on Monday at 00:00");
            Assert.That(week.MinuteRate[9 * 60], Is.EqualTo(1000 / 60.0).Within(1e-9), "Monday 09:00 busy");
            Assert.That(week.MinuteRate[..(9 * 60)], Is.All.EqualTo(0), "Monday night quiet");
            Assert.That(week.MinuteRate[(5 * 1440)..], Is.All.EqualTo(0), "the weekend quiet");
            Assert.That(TraceWeekFit.Of(week).WeekendFactor, Is.EqualTo(0), "a weekend with no calls");
            Assert.That(cut.MonthlyTokens, Is.GreaterThan(1.5 * week.MonthlyTokens), "without the window the quiet ends are cut off");
        });
        var (code, text, _) = Cli("trace", "summarize", trace, "--from", "2025-03-03", "--to", "2025-03-10", "--out", Path.Combine(Dir, "s"));
        Assert.That(code, Is.EqualTo(0));
        Assert.That(text, Does.Contain("window      Mon 2025-03-03 00:00 to Mon 2025-03-10 00:00, as given"));
    }

    [TestCase("2025-03-04", "2025-03-10", "--from/--to: ", "before the window's start 2025-03-04 00:00")]
    [TestCase("2025-03-03", "2025-03-07", "--from/--to: ", "after the window's end 2025-03-07 00:00")]
    [TestCase("2025-03-10", "2025-03-03", "--from/--to: ", "is not after the start")]
    [TestCase("Monday", "2025-03-10", "--from/--to: ", "'Monday' is not a date")]
    public void AWindowThatDoesNotHoldTheTraceIsRefused(string from, string to, string flag, string why)
    {
        var (code, _, err) = Cli("trace", "summarize", OfficeWeek(), "--from", from, "--to", to, "--out", Path.Combine(Dir, "s"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.StartWith("fleetsim: " + flag).And.Contain(why));
            Assert.That(Directory.Exists(Path.Combine(Dir, "s")), Is.False);
        });
    }

    [Test]
    public void AScenarioGivesTheWindowAndItsRequestsCarryTheWeek()
    {
        string trace = OfficeWeek();
        ScenarioSpec s = OnTrace(trace, 168, "  trace_from: 2025-03-03\n  trace_to: 2025-03-10", fleet: "replicas: 1");
        double[] hourly = DemandBuilder.Build(s.Traffic, s.Horizon).HourlyMeans();
        Assert.Multiple(() =>
        {
            Assert.That(hourly[5 * 24 + 12], Is.EqualTo(0), "Saturday noon");
            Assert.That(hourly[2 * 24 + 3], Is.EqualTo(0), "Wednesday 03:00");
            Assert.That(hourly[2 * 24 + 12], Is.GreaterThan(0), "Wednesday noon");
        });
    }

    [Test]
    public void SamplingNoiseIsTakenOutWithinClockHours()
    {
        // A sparse trace from 08:30:30, 20 tok/s before 09:00 and 60 tok/s after: a block straddling 09:00 would
        // pull the two levels together; clock-hour blocks keep 08:30–09:00 at 20 and 09:00–10:00 at 60 on average.
        var start = new DateTime(2025, 3, 4, 8, 30, 30);
        var random = new Random(3);
        var stamps = new List<DateTime>();
        for (double t = 0; t < 7200; t += -Math.Log(1 - random.NextDouble()) / (start.AddSeconds(t).Hour < 9 ? 0.02 : 0.06))
        {
            stamps.Add(start.AddSeconds(t));
        }
        TraceProfile p = TraceProfile.Read(Azure("sparse.csv", stamps), new TraceOptions());
        Assert.Multiple(() =>
        {
            // Minute bins run from the first stamp's second (08:30:30), so the clock's 09:00 falls in bin 30's first half minute.
            Assert.That(p.DemandRate[..30].Average(), Is.EqualTo(p.MinuteRate[..30].Average()).Within(1e-9), "the half hour to 09:00 keeps its volume");
            Assert.That(p.DemandRate[30..90].Average(), Is.EqualTo(p.MinuteRate[30..90].Average()).Within(1e-9), "09:00–10:00 keeps its volume");
        });
    }

    [TestCase("1,0,59000,0", "59000 tokens with no requests")]
    [TestCase("1,1,1e20,0", "1E+20 tokens per request, more than any model's context")]
    public void ARowNoRequestCouldBeIsABadRowWithItsLine(string row, string why)
    {
        string path = Path.Combine(Dir, "m.csv");
        File.WriteAllLines(path, ["minute,requests,input_tokens,output_tokens", "0,1,1000,0", row, "2,1,1000,0"]);
        var e = Assert.Throws<TraceException>(() => TraceProfile.Read(path, new TraceOptions()))!;
        Assert.That(e.Message, Does.StartWith($"{path}:3: {why}"));
        TraceProfile skipped = TraceProfile.Read(path, new TraceOptions(SkipBadRows: true));
        Assert.That(skipped.ProcessedTokens, Is.EqualTo(2000));
    }

    [Test]
    public void ARowYearsAwayIsABadRowWithItsLine()
    {
        var start = new DateTime(2023, 11, 16, 18, 0, 0);
        string far = Azure("far.csv", [start, start.AddSeconds(10), start.AddYears(75), start.AddSeconds(20)]);
        Assert.That(Assert.Throws<TraceException>(() => TraceProfile.Read(far, new TraceOptions()))!.Message,
                    Does.StartWith($"{far}:4: stamped 75.1 years from the first row: a trace spans at most 5 years"));
    }

    [Test]
    public void AMistypedStampAheadOfItsNeighboursIsTheBadRowNotEveryRowAfterIt()
    {
        // 3,000 rows 10 s apart, the seventh stamped two years ahead (line 8 with the header): the row after it goes
        // on where the rows before it were, so the seventh is the mistake. Skipped, it leaves 2,999 requests over
        // the trace's own 8 h 20 min; read strictly, the error names its line.
        var start = new DateTime(2023, 11, 16, 18, 0, 0);
        var stamps = Enumerable.Range(0, 3000).Select(i => i == 6 ? start.AddYears(2) : start.AddSeconds(10 * i));
        string path = Azure("typo.csv", stamps);
        var e = Assert.Throws<TraceException>(() => TraceProfile.Read(path, new TraceOptions()))!;
        TraceProfile skipped = TraceProfile.Read(path, new TraceOptions(SkipBadRows: true));
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.StartWith($"{path}:8: stamped 731 days after the latest row before it (line 7)").And.Contain("a mistyped stamp?"));
            Assert.That(skipped.Requests, Is.EqualTo(2999));
            Assert.That(skipped.Stats.BadRows, Is.EqualTo(1));
            Assert.That(skipped.Seconds, Is.EqualTo(3000 * 10).Within(1e-6));
        });
    }

    [Test]
    public void AGapInTheTrafficIsNotAMistypedStamp()
    {
        // Friday evening to Monday morning: the rows after the gap go on from the first row after it. The trace
        // ends one minute (its pace) after its last row; the weekend is a pause, not its pace.
        var friday = new DateTime(2025, 3, 7, 17, 0, 0);
        var stamps = Enumerable.Range(0, 60).Select(i => friday.AddMinutes(i))
            .Concat(Enumerable.Range(0, 60).Select(i => friday.AddHours(64).AddMinutes(i)));
        TraceProfile p = TraceProfile.Read(Azure("weekend.csv", stamps), new TraceOptions());
        Assert.Multiple(() =>
        {
            Assert.That(p.Requests, Is.EqualTo(120));
            Assert.That(p.Seconds, Is.EqualTo((64 * 60 + 60) * 60).Within(1e-6));
        });
    }

    [Test]
    public void AGenericCsvOfUnixMillisecondsIsDated()
    {
        // 1,700,000,000,123 ms is 2023-11-14 22:13:20.123 UTC, a Tuesday.
        string path = Path.Combine(Dir, "g.csv");
        File.WriteAllLines(path, ["ts_ms,prompt,completion", "1700000000123,812,97", "1700000060123,812,97"]);
        TraceProfile p = TraceProfile.Read(path, new TraceOptions(Columns: new GenericColumns("ts_ms", "prompt", "completion", 0.001)));
        Assert.That(p.Clock.Describe(), Is.EqualTo("Tue 2023-11-14 22:13 UTC"));
    }

    [Test]
    public void WallClockStampsAcrossADaylightSavingChangeAreSaidToBe()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out _))
        {
            Assert.Ignore("this machine has no time-zone database");
        }
        // Berlin leaves summer time on Sunday 2024-10-27.
        var start = new DateTime(2024, 10, 26);
        string trace = Azure("dst.csv", Enumerable.Range(0, 3 * 1440).Select(m => start.AddMinutes(m)));
        TraceProfile berlin = TraceProfile.Read(trace, new TraceOptions(), "Europe/Berlin");
        TraceProfile utc = TraceProfile.Read(trace, new TraceOptions());
        Assert.Multiple(() =>
        {
            Assert.That(berlin.ClockNotes, Has.One.Contains("Europe/Berlin changes its clock within it (2024-10-27)"));
            Assert.That(utc.ClockNotes, Is.Empty);
        });
    }

    [Test]
    public void BesideATraceTheMixMaySayOnlyTheCachedShare()
    {
        string trace = PerMinute("m.csv", Enumerable.Repeat(10, 120));
        var e = Assert.Throws<ScenarioException>(() => OnTrace(trace, 2, "  request_mix: { processed_tokens: 85K }"))!;
        ScenarioSpec s = OnTrace(trace, 2, "  request_mix: { cache_hit_share: 0.6 }");
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.Contain("traffic.request_mix.processed_tokens").And.Contain("the trace's own"));
            Assert.That(s.Traffic.RequestMix.CacheHitShare, Is.EqualTo(0.6));
            Assert.That(s.Traffic.RequestMix.ProcessedTokens, Is.EqualTo(1000));
        });
    }

    [TestCase("True", true)]
    [TestCase("false", false)]
    public void SkipBadRowsIsAYamlBoolean(string value, bool skips)
    {
        string path = Path.Combine(Dir, "bad.csv");
        File.WriteAllLines(path, ["minute,requests,input_tokens,output_tokens", "0,1,1000,0", "1,x,1,1", "2,1,1000,0"]);
        if (skips)
        {
            Assert.That(OnTrace(path, 2, $"  skip_bad_rows: {value}").Warnings, Has.Some.Contains("1 of 3 rows were malformed"));
        }
        else
        {
            Assert.Throws<TraceException>(() => OnTrace(path, 2, $"  skip_bad_rows: {value}"));
        }
        var e = Assert.Throws<ScenarioException>(() => OnTrace(path, 2, "  skip_bad_rows: treu"))!;
        Assert.That(e.Message, Does.Contain("traffic.skip_bad_rows: expected true or false, found 'treu'"));
    }

    [Test]
    public void AModelAskedOfATraceWithoutModelsIsTheScenarioKeysError()
    {
        string trace = PerMinute("m.csv", Enumerable.Repeat(10, 120));
        var e = Assert.Throws<ScenarioException>(() => OnTrace(trace, 2, "  trace_model: gpt-4o"))!;
        Assert.That(e.Message, Does.Match(@"scenario\.yaml:\d+:\d+: traffic\.trace_model: .*a model was asked for \('gpt-4o'\)"));
    }

    [Test]
    public void OneModelOfAUsageExportSpansWhatTheExportSpans()
    {
        // Hourly buckets for a week from Monday 2025-03-03: model-a has 10 requests of 1,000 tokens an hour on
        // weekdays only, model-b every hour. Filtered to model-a the trace is still the week: 5 × 24 × 10,000
        // tokens in 168 hours, a month of 1.2M × 730 / 168; model-b's weekend buckets keep the weekend.
        string path = Path.Combine(Dir, "usage.csv");
        long start = new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var lines = new List<string> { "start_time,end_time,input_tokens,input_cached_tokens,output_tokens,num_model_requests,model" };
        for (int h = 0; h < 168; h++)
        {
            long from = start + 3600 * h, to = from + 3600;
            if (h < 120)
            {
                lines.Add($"{from},{to},9000,0,1000,10,model-a");
            }
            lines.Add($"{from},{to},4500,0,500,5,model-b");
        }
        File.WriteAllLines(path, lines);
        TraceProfile p = TraceProfile.Read(path, new TraceOptions(Model: "model-a"));
        Assert.Multiple(() =>
        {
            Assert.That(p.Seconds, Is.EqualTo(168 * 3600));
            Assert.That(p.MonthlyTokens, Is.EqualTo(1.2e6 * 730 / 168).Within(1e-9).Percent);
            Assert.That(TraceWeekFit.Of(p).WeekendFactor, Is.EqualTo(0));
        });
    }

    [Test]
    public void APerMinuteTraceEndsWithItsLastMinute()
    {
        // Rows at minutes 0, 5 and 7 (idle minutes left out of the export) cover minutes 0 to 7: 8 minutes.
        string path = Path.Combine(Dir, "gaps.csv");
        File.WriteAllLines(path, ["minute,requests,input_tokens,output_tokens", "0,1,900,100", "5,1,900,100", "7,1,900,100"]);
        TraceProfile p = TraceProfile.Read(path, new TraceOptions());
        Assert.Multiple(() =>
        {
            Assert.That(p.Seconds, Is.EqualTo(8 * 60));
            Assert.That(p.MonthlyTokens, Is.EqualTo(3000.0 * 730 * 60 / 8).Within(1e-9).Percent);
        });
    }

    [Test]
    public void AHorizonOfTheTracesOwnLengthCarriesItsOwnTokensWhereverItFalls()
    {
        // The office week in its window, at its own rate: a 168-hour run carries the week's 2.7M tokens
        // (the volume sets the rate; the month's extra Monday to Wednesday does not thin the week out).
        ScenarioSpec s = OnTrace(OfficeWeek(), 168, "  trace_from: 2025-03-03\n  trace_to: 2025-03-10", fleet: "replicas: 1");
        DemandSeries d = DemandBuilder.Build(s.Traffic, s.Horizon);
        Assert.Multiple(() =>
        {
            Assert.That(d.Total.Value, Is.EqualTo(2.7e6).Within(1e-9).Percent);
            Assert.That(d.Rate[9 * 60], Is.EqualTo(1000 / 60.0).Within(1e-9).Percent, "Monday 09:00 at the trace's own rate");
        });
    }

    [Test]
    public void ATraceEndingOnTheDayOfADaylightSavingChangeIsSaidToo()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out _))
        {
            Assert.Ignore("this machine has no time-zone database");
        }
        var start = new DateTime(2024, 10, 26, 12, 0, 0);
        string trace = Azure("dst-day.csv", Enumerable.Range(0, 23 * 60).Select(m => start.AddMinutes(m)));
        Assert.That(TraceProfile.Read(trace, new TraceOptions(), "Europe/Berlin").ClockNotes, Has.One.Contains("(2024-10-27)"));
    }

    [Test]
    public void ACachedShareBesideATraceThatRecordsItsOwnIsRefused()
    {
        string path = Path.Combine(Dir, "usage.csv");
        long start = new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        File.WriteAllLines(path, ["start_time,end_time,input_tokens,input_cached_tokens,output_tokens,num_model_requests",
                                  $"{start},{start + 3600},10000,4000,1000,10"]);
        var e = Assert.Throws<ScenarioException>(() => OnTrace(path, 1, "  request_mix: { cache_hit_share: 0.6 }"))!;
        Assert.That(e.Message, Does.Contain("traffic.request_mix.cache_hit_share: the trace records its cached prompt tokens (40.0 %"));
    }

    [Test]
    public void ABrokenJsonRowSaysWhatIsWrongWithoutTheParsersBookkeeping()
    {
        string path = Path.Combine(Dir, "m.jsonl");
        File.WriteAllLines(path, ["{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 1}", "{\"timestamp\": 5, \"input_length\": 10,"]);
        var e = Assert.Throws<TraceException>(() => TraceProfile.Read(path, new TraceOptions()))!;
        Assert.That(e.Message, Does.StartWith($"{path}:2: not valid JSON (").And.Not.Contain("LineNumber").And.Not.Contain("BytePositionInLine"));
    }
}
