using FleetSim.Reporting.Deploy;
using FleetSim.Scenario;

namespace FleetSim.Tests.Reporting.Deploy;

/// <summary>
/// The schedule's cron triggers, read back by an independent evaluation of KEDA's cron scaler, ask
/// for the schedule's count at every minute of the week, a provisioning delay early.
/// </summary>
public class KedaCronScaledObjectTests
{
    private static int[] Day(params (int Hours, int Replicas)[] stretches) => [.. stretches.SelectMany(s => Enumerable.Repeat(s.Replicas, s.Hours))];

    private static ScenarioSpec WithProvisioning(double minutes) =>
        Scenarios.Seed($"scaling.provisioning_minutes={minutes}");

    private static string Write(int[] weekday, int[] weekend, double provisioningMinutes) =>
        KedaCronScaledObject.Write(WithProvisioning(provisioningMinutes), new DeployChoice("schedule", weekday.Concat(weekend).Max(), weekday, weekend, "kimi-k2", "kimi-k2-vllm"));

    /// <summary>What the schedule asks for at a minute: the largest count of the hours met in the next <paramref name="lead"/> minutes, that minute included.</summary>
    private static int Expected(int[] weekday, int[] weekend, int lead, int minute)
    {
        int wanted = 0;
        for (int m = minute; m <= minute + lead; m++)
        {
            int hour = m % (7 * 1440) / 60;
            wanted = Math.Max(wanted, (hour / 24 >= 5 ? weekend : weekday)[hour % 24]);
        }
        return wanted;
    }

    [Test]
    public void OfficeHoursAreOneTriggerForTheWorkingDaysFifteenMinutesEarly()
    {
        int[] weekday = Day((8, 2), (9, 6), (7, 2));
        int[] weekend = Day((24, 1));
        var keda = new KedaCron(Write(weekday, weekend, 15));
        Assert.Multiple(() =>
        {
            Assert.That(keda.Min, Is.EqualTo(1));
            Assert.That(keda.Max, Is.EqualTo(6));
            // 6 from 07:45 to 17:00 Monday to Friday; 2 overnight from 16:45 to 08:00 the next day,
            // from Sunday 23:45 into Monday, and from Friday 16:45 to Saturday 00:00; 1 at weekends.
            Assert.That(keda.Triggers, Is.EquivalentTo(new[]
            {
                ("45 7 * * 1-5", "0 17 * * 1-5", 6),
                ("45 16 * * 1-4", "0 8 * * 2-5", 2),
                ("45 16 * * 5", "0 0 * * 6", 2),
                ("45 23 * * 0", "0 8 * * 1", 2),
            }));
            Assert.That(keda.ReplicasAt(7 * 60 + 44), Is.EqualTo(2), "Monday 07:44");
            Assert.That(keda.ReplicasAt(7 * 60 + 45), Is.EqualTo(6), "Monday 07:45");
            Assert.That(keda.ReplicasAt(16 * 60 + 59), Is.EqualTo(6), "Monday 16:59");
            Assert.That(keda.ReplicasAt(17 * 60), Is.EqualTo(2), "Monday 17:00");
            Assert.That(keda.ReplicasAt(5 * 1440 + 600), Is.EqualTo(1), "Saturday 10:00");
        });
    }

    [Test]
    public void TheTriggersGiveTheScheduleAtEveryMinuteOfTheWeek([Values(0, 15, 45, 90, 600)] int lead)
    {
        var random = new Random(17 + lead);
        for (int trial = 0; trial < 12; trial++)
        {
            // Few distinct counts, so stretches repeat across days and merge; some schedules touch 0.
            int[] weekday = [.. Enumerable.Range(0, 24).Select(_ => random.Next(0, 4) + (trial % 3 == 0 ? 0 : 1))];
            int[] weekend = trial % 4 == 0 ? [.. weekday] : [.. Enumerable.Range(0, 24).Select(_ => random.Next(0, 3))];
            if (weekday.Concat(weekend).Max() == 0)
            {
                continue;
            }
            var keda = new KedaCron(Write(weekday, weekend, lead));
            Assert.That(keda.Triggers, Has.All.Matches<(string Start, string End, int Replicas)>(t => t.Start != t.End && t.Replicas >= 1),
                "KEDA refuses a trigger whose start and end are the same, or desiredReplicas 0");
            for (int minute = 0; minute < 7 * 1440; minute++)
            {
                int expected = Expected(weekday, weekend, lead, minute);
                if (keda.ReplicasAt(minute) != expected)
                {
                    Assert.Fail($"trial {trial}, lead {lead}: minute {minute} (day {minute / 1440}, {minute % 1440 / 60:00}:{minute % 60:00}) asks {keda.ReplicasAt(minute)}, the schedule {expected}; " +
                                $"weekday [{string.Join(",", weekday)}], weekend [{string.Join(",", weekend)}]");
                }
            }
        }
    }

    [Test]
    public void TheLeadIsTheScenariosProvisioningTimeInWholeMinutesRoundedUp()
    {
        int[] weekday = Day((12, 1), (12, 3));
        var keda = new KedaCron(Write(weekday, weekday, 10.2));
        Assert.That(keda.Triggers, Is.EqualTo(new[] { ("49 11 * * 0-6", "0 0 * * 0-6", 3) }));
    }

    [Test]
    public void AFlatScheduleIsItsMinimumWithOneHarmlessTrigger()
    {
        int[] flat = Day((24, 4));
        var keda = new KedaCron(Write(flat, flat, 15));
        Assert.Multiple(() =>
        {
            Assert.That((keda.Min, keda.Max), Is.EqualTo((4, 4)));
            Assert.That(Enumerable.Range(0, 7 * 1440).Select(keda.ReplicasAt).Distinct(), Is.EqualTo(new[] { 4 }));
        });
    }

    [Test]
    public void AScheduleOfNothingOrOfTheWrongLengthIsRefused()
    {
        int[] zero = new int[24];
        Assert.Multiple(() =>
        {
            Assert.That(() => Write(zero, zero, 15), Throws.ArgumentException.With.Message.Contains("0 replicas at every hour"));
            Assert.That(() => Write(new int[23], zero, 15), Throws.ArgumentException.With.Message.Contains("24 counts"));
        });
    }

    [Test]
    public void TheFileSaysWhereItCameFromAndWhyTheTriggersStartEarly()
    {
        string text = Write(Day((8, 2), (16, 4)), Day((24, 2)), 15);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("# KEDA ScaledObject written by FleetSim from scenario "));
            Assert.That(text, Does.Contain("# Each trigger starts 15 min before its hours: the scenario's provisioning_minutes (15)"));
            Assert.That(text, Does.Contain("desiredReplicas: \"4\""), "KEDA's trigger metadata are strings");
            Assert.That(text, Does.Contain("apiVersion: keda.sh/v1alpha1"));
        });
    }
}
