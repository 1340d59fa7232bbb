using FleetSim.Runs;
using FleetSim.Engine;
using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Traffic;

/// <summary>
/// A horizon is a window of the calendar: its minutes keep the month's daily shape and levels, and a
/// floor fleet is sized to the month's trough even when the window holds none of it.
/// </summary>
public class CalendarWindowTests
{
    private const double MonthlyTokens = 583e9;

    /// <summary>
    /// Hourly levels whose lowest hour is 04:00, outside a 2-hour window from Monday 00:00:
    /// 00:00 → 21, 01:00 → 22, 02:00 → 23, 03:00 → 24, 04:00 → 1, 05:00 → 2, …, 23:00 → 20.
    /// </summary>
    private static readonly double[] Levels = [21, 22, 23, 24, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

    private const double Weekday = 1.2, Weekend = 0.5;

    /// <summary>
    /// The month's scale by hand: a 730-hour month is days 0–29 whole and day 30's hours 00:00–09:59.
    /// Days 5, 6, 12, 13, 19, 20, 26 and 27 are weekends (8 days), the other 22 whole days and day 30
    /// (a Wednesday) are weekdays. Σ of a day's levels = 300; Σ of hours 0–9 = 21+22+23+24+1+2+3+4+5+6 = 111.
    /// Σ over the month's hours of level × day factor = 22·1.2·300 + 8·0.5·300 + 1.2·111 = 9,253.2, and
    /// each hour has 60 minutes of 60 seconds, so scale = monthly tokens / (9,253.2 · 3,600).
    /// </summary>
    private static readonly double Scale = MonthlyTokens / (9_253.2 * 3_600.0);

    private static ScenarioSpec Shaped(int hours) => Scenarios.Seed(
        $"traffic.daily_shape={{hourly: [{string.Join(",", Levels)}]}}",
        $"traffic.weekday_factor={Weekday}",
        $"traffic.weekend_factor={Weekend}",
        $"horizon_hours={hours}");

    private static DemandSeries Build(ScenarioSpec s) => DemandBuilder.Build(s.Traffic, s.Horizon);

    [Test]
    public void ATwoHourWindowIsMondayMidnightAtTheMonthsLevels()
    {
        DemandSeries d = Build(Shaped(2));
        double hour0 = Weekday * 21 * Scale, hour1 = Weekday * 22 * Scale;
        Assert.Multiple(() =>
        {
            Assert.That(d.Minutes, Is.EqualTo(120));
            for (int m = 0; m < 120; m++)
            {
                Assert.That(d.Rate[m], Is.EqualTo(m < 60 ? hour0 : hour1).Within(1e-9).Percent, $"minute {m}");
            }
            Assert.That(d.Total.Value, Is.EqualTo((hour0 + hour1) * 3_600).Within(1e-9).Percent,
                        "the window carries what its minutes hold, not 2/730 of the month");
            Assert.That(d.Total.Value, Is.Not.EqualTo(MonthlyTokens * 2 / 730).Within(1).Percent);
        });
    }

    [Test]
    public void AWeekWindowKeepsTheMonthsWeekendLevels()
    {
        DemandSeries d = Build(Shaped(168));
        double[] hourly = d.HourlyMeans();
        Assert.Multiple(() =>
        {
            Assert.That(hourly[15], Is.EqualTo(Weekday * 12 * Scale).Within(1e-9).Percent, "Monday 15:00");
            Assert.That(hourly[5 * 24 + 15], Is.EqualTo(Weekend * 12 * Scale).Within(1e-9).Percent, "Saturday 15:00");
            Assert.That(d.Total.Value, Is.EqualTo((5 * Weekday + 2 * Weekend) * 300 * Scale * 3_600).Within(1e-9).Percent);
        });
    }

    [Test]
    public void TheWindowDescribesItselfButCarriesTheCalendarsTrough()
    {
        DemandSeries d = Build(Shaped(2));
        Assert.Multiple(() =>
        {
            Assert.That(d.TroughHour(), Is.EqualTo(0), "the window's own trough hour is its first");
            Assert.That(d.TroughRate.Value, Is.EqualTo(Weekday * 21 * Scale).Within(1e-9).Percent);
            Assert.That(d.CalendarTroughRate.Value, Is.EqualTo(Weekend * 1 * Scale).Within(1e-9).Percent,
                        "the month's trough: a weekend 04:00");
        });
    }

    [Test]
    public void RealizingTheWindowKeepsTheCalendarsTrough()
    {
        DemandSeries average = Build(Shaped(2));
        DemandSeries month = DemandBuilder.Realize(average, new NoiseSpec(0.2, 0.9, 0.1, 0.05, null), seed: 7);
        Assert.Multiple(() =>
        {
            Assert.That(month, Is.Not.SameAs(average), "precondition: noise makes a new series");
            Assert.That(month.CalendarTroughRate, Is.EqualTo(average.CalendarTroughRate));
        });
    }

    [Test]
    public void ATwoHourSeedHorizonSizesTheFloorLikeTheMonth()
    {
        ScenarioSpec shortHorizon = Scenarios.Seed("horizon_hours=2");
        ScenarioSpec month = Scenarios.Seed();
        int handFloor = (int)Math.Floor(110e3 / 26.6e3); // the seed: 4 × 26.6K ≤ 110K trough
        DemandSeries d = Build(shortHorizon);
        Assert.Multiple(() =>
        {
            Assert.That(handFloor, Is.EqualTo(4));
            Assert.That(d.CalendarTroughRate.Value, Is.EqualTo(110e3).Within(2).Percent, "the month's overnight trough");
            Assert.That(FleetSizing.Replicas(shortHorizon.Fleet, shortHorizon.Replica, d), Is.EqualTo(handFloor));
            Assert.That(FleetSizing.Replicas(month.Fleet, month.Replica, Build(month)), Is.EqualTo(handFloor));
            Assert.That(ScenarioRun.Of(shortHorizon).Fleet.Replicas, Is.EqualTo(handFloor));
        });
    }

    [Test]
    public void ATwoHourSeedWindowHasTheShapeOfMondayNight()
    {
        // The seed's day peaks at 15:00 and its levels alternate either side of the peak, so 00:00 and
        // 01:00 are the 6th and 4th lowest of the day: between the 110K trough and the 222K median, and
        // falling towards the 03:00 trough.
        double[] hourly = Build(Scenarios.Seed("horizon_hours=2")).HourlyMeans();
        Assert.Multiple(() =>
        {
            Assert.That(hourly, Has.Length.EqualTo(2));
            Assert.That(hourly[1], Is.LessThan(hourly[0]), "the hourly means are not all equal");
            Assert.That(hourly.Min(), Is.GreaterThan(110e3));
            Assert.That(hourly.Max(), Is.LessThan(222e3));
        });
    }

    [Test]
    public void AShortWindowIsTheMonthsFirstMinutes()
    {
        double[] month = Build(Scenarios.Seed()).Rate.ToArray();
        double[] window = Build(Scenarios.Seed("horizon_hours=24")).Rate.ToArray();
        Assert.That(window, Is.EqualTo(month[..(24 * 60)]).AsCollection);
    }

    [TestCase(730)]
    [TestCase(1000)]
    public void AMonthOrLongerCarriesItsProRataShare(int hours)
    {
        DemandSeries d = Build(Scenarios.Seed($"horizon_hours={hours}"));
        Assert.Multiple(() =>
        {
            Assert.That(d.Minutes, Is.EqualTo(hours * 60));
            Assert.That(d.Total.Value, Is.EqualTo(MonthlyTokens * hours / 730).Within(1e-9).Percent);
            Assert.That(d.CalendarTroughRate, Is.EqualTo(d.TroughRate), "the horizon is the whole calendar");
        });
    }

    [Test]
    public void ATracesVolumeSetsItsRateInAnyWindow()
    {
        string dir = Directory.CreateTempSubdirectory("fleetsim-window-").FullName;
        try
        {
            // Two identical days; hour h of the day has h+1 requests of 85K processed tokens each minute.
            string trace = Path.Combine(dir, "minutes.csv");
            using (var w = new StreamWriter(trace))
            {
                w.WriteLine("minute,requests,input_tokens,output_tokens");
                for (int m = 0; m < 2 * 1440; m++)
                {
                    int requests = m % 1440 / 60 + 1;
                    w.WriteLine($"{m},{requests},{requests * 84_000},{requests * 1_000}");
                }
            }
            string yaml = ScenarioLoader.DefaultScenarioYaml();
            int start = yaml.IndexOf("traffic:", StringComparison.Ordinal), end = yaml.IndexOf("\nreplica:", StringComparison.Ordinal);
            string scenario = Path.Combine(dir, "window.yaml");
            File.WriteAllText(scenario, yaml[..start].Replace("horizon_hours: 730", "horizon_hours: 2", StringComparison.Ordinal) +
                                        "traffic:\n  trace: minutes.csv\n  scale_to_monthly_tokens: 583B\n" + yaml[end..]);
            DemandSeries d = Build(ScenarioLoader.LoadFile(scenario));

            // The volume sets the trace's average rate. Hour h runs at (h+1) · 85K/60 tok/s and a day averages
            // 300/24 = 12.5 of those units, so 583B a month is a scale of 583B / (85K/60 · 12.5 · 730 · 3,600)
            // and hour h's rate is (h+1) · 583B / (3,600 · 9,125), in a 2-hour window as in any other.
            double unit = MonthlyTokens / (3_600.0 * 9_125);
            Assert.Multiple(() =>
            {
                Assert.That(d.Minutes, Is.EqualTo(120));
                Assert.That(d.Rate[0], Is.EqualTo(1 * unit).Within(1e-9).Percent);
                Assert.That(d.Rate[119], Is.EqualTo(2 * unit).Within(1e-9).Percent);
                Assert.That(d.Total.Value, Is.EqualTo(3 * unit * 3_600).Within(1e-9).Percent);
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
