using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Tests.Traffic;

public class DemandBuilderTests
{
    private static DemandSeries Build(ScenarioSpec s) => DemandBuilder.Build(s.Traffic, s.Horizon);

    [Test]
    public void SeedTrafficMatchesTheGatewayPercentilesWithin2Percent()
    {
        DemandSeries d = Build(Scenarios.Seed());
        double[] hourly = d.HourlyMeans();
        Assert.Multiple(() =>
        {
            Assert.That(hourly, Has.Length.EqualTo(730));
            Assert.That(hourly.Min(), Is.EqualTo(110e3).Within(2).Percent);
            Assert.That(Percentile.Of(hourly, 0.50), Is.EqualTo(222e3).Within(2).Percent);
            Assert.That(Percentile.Of(hourly, 0.90), Is.EqualTo(290e3).Within(2).Percent);
            Assert.That(Percentile.Of(hourly, 0.99), Is.EqualTo(327e3).Within(2).Percent);
            Assert.That(d.Warnings, Is.Empty);
        });
    }

    // A horizon shorter than the month is a window of it and carries what its minutes hold, not a
    // pro-rata share (see CalendarWindowTests); a month or longer carries its pro-rata share.
    [TestCase(730)]
    [TestCase(1000)]
    public void TotalIsTheHorizonsShareOfTheMonthlyVolume(int hours)
    {
        DemandSeries d = Build(Scenarios.Seed($"horizon_hours={hours}"));
        Assert.Multiple(() =>
        {
            Assert.That(d.Minutes, Is.EqualTo(hours * 60));
            Assert.That(d.Total.Value, Is.EqualTo(583e9 * hours / 730).Within(1e-9).Percent);
        });
    }

    [Test]
    public void TroughIsOvernightAndPeakAtTheGivenHour()
    {
        DemandSeries d = Build(Scenarios.Seed());
        double[] firstDay = d.HourlyMeans()[..24];
        int peak = Array.IndexOf(firstDay, firstDay.Max());
        int trough = Array.IndexOf(firstDay, firstDay.Min());
        Assert.Multiple(() =>
        {
            Assert.That(peak, Is.EqualTo(15));
            Assert.That(trough, Is.EqualTo(3));
            Assert.That(d.TroughHour() % 24, Is.EqualTo(3));
        });
    }

    [Test]
    public void WeekendFactorLowersWeekendsAndKeepsTheVolume()
    {
        DemandSeries d = Build(Scenarios.Seed("traffic.weekend_factor=0.5"));
        double[] hourly = d.HourlyMeans();
        Assert.Multiple(() =>
        {
            Assert.That(hourly[5 * 24 + 15], Is.EqualTo(0.5 * hourly[15]).Within(1e-9).Percent, "Saturday 15:00 is half of Monday's");
            Assert.That(hourly[7 * 24 + 15], Is.EqualTo(hourly[15]).Within(1e-9).Percent, "the next Monday is back");
            Assert.That(d.Total.Value, Is.EqualTo(583e9).Within(1e-9).Percent);
        });
    }

    [Test]
    public void HourlyLevelsAreUsedAsRatios()
    {
        double[] levels = [.. Enumerable.Range(0, 24).Select(h => h < 12 ? 1.0 : 3.0)];
        DemandSeries d = Build(Scenarios.Seed($"traffic.daily_shape={{hourly: [{string.Join(",", levels)}]}}", "horizon_hours=24"));
        double[] hourly = d.HourlyMeans();
        Assert.Multiple(() =>
        {
            Assert.That(hourly[13] / hourly[2], Is.EqualTo(3.0).Within(1e-12));
            // A day is a window of the 730-hour month: 30 whole days of Σ levels = 12·1 + 12·3 = 48 and
            // hours 0–9 of one more (Σ = 10), so the day carries 48/1,450 of the month's volume.
            Assert.That(d.Total.Value, Is.EqualTo(583e9 * 48 / 1_450).Within(1e-9).Percent);
        });
    }

    [Test]
    public void InconsistentPercentilesAndVolumeAreWarnedAbout()
    {
        DemandSeries d = Build(Scenarios.Seed("traffic.monthly_processed_tokens=1T"));
        Assert.Multiple(() =>
        {
            Assert.That(d.Warnings, Has.Count.EqualTo(1));
            Assert.That(d.Warnings[0], Does.Contain("monthly_processed_tokens"));
            Assert.That(d.Total.Value, Is.EqualTo(1e12).Within(1e-9).Percent);
        });
    }

    [Test]
    public void SameScenarioGivesTheSameSeries()
    {
        double[] a = Build(Scenarios.Seed()).Rate.ToArray();
        double[] b = Build(Scenarios.Seed()).Rate.ToArray();
        Assert.That(a, Is.EqualTo(b).AsCollection);
    }

    [Test]
    public void FitMatchesPercentilesForOtherShapes()
    {
        var shape = new PercentileShape(50e3, 120e3, 200e3, 260e3, 10);
        double[] weights = [.. Enumerable.Repeat(1.0, 24)];
        double target = 125e3;
        DailyProfileFit.Result fit = DailyProfileFit.Fit(shape, weights, target);
        double[] levels = fit.Levels;
        Assert.Multiple(() =>
        {
            Assert.That(fit.Warning, Is.Null);
            Assert.That(levels.Average(), Is.EqualTo(target).Within(1e-6).Percent);
            Assert.That(levels.Min(), Is.EqualTo(50e3));
            Assert.That(levels.Max(), Is.EqualTo(260e3));
            Assert.That(Array.IndexOf(levels, levels.Max()), Is.EqualTo(10));
        });
    }

    [Test]
    public void QuantityFormatsLikePeopleSayIt()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new Tokens(583e9).ToString(), Is.EqualTo("583B"));
            Assert.That(Quantity.Short(279.6e9, precise: true), Is.EqualTo("279.6B"));
            Assert.That(new Usd(184_811).ToShortString(), Is.EqualTo("$185K"));
            Assert.That(new Usd(70_080).ToString(), Is.EqualTo("$70,080"));
            Assert.That(Quantity.Short(26_600), Is.EqualTo("26.6K"));
        });
    }
}
