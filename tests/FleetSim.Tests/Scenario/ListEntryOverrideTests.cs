using FleetSim.Scenario;

namespace FleetSim.Tests.Scenario;

/// <summary>
/// <c>--set key[i].path=value</c> reaches into entry i (from 0) of a list the scenario has, so one traffic class or
/// one hour of a shape can be changed without retyping the list; anything it cannot name is refused by name.
/// </summary>
public class ListEntryOverrideTests
{
    private const string TwoClasses = "traffic.classes=[{name: interactive, share: 0.7}, {name: bulk, share: 0.3, deadline_hours: 24}]";

    private static readonly string Hourly = "traffic.daily_shape={hourly: [" + string.Join(", ", Enumerable.Range(1, 24)) + "]}";

    [Test]
    public void AnEntrysKeyIsSetAndTheRestOfTheListKept()
    {
        ScenarioSpec s = Scenarios.Seed(TwoClasses, "traffic.classes[1].deadline_hours=6", "traffic.classes[0].share=0.6", "traffic.classes[1].share=0.4");
        IReadOnlyList<TrafficClassSpec> classes = s.Traffic.Classes!.Classes;
        Assert.Multiple(() =>
        {
            Assert.That(classes.Select(c => c.Name), Is.EqualTo(new[] { "interactive", "bulk" }));
            Assert.That(classes[1].DeadlineHours, Is.EqualTo(6));
            Assert.That(classes.Select(c => c.Share), Is.EqualTo(new[] { 0.6, 0.4 }));
            Assert.That(classes[0].DeadlineHours, Is.Null);
        });
    }

    [Test]
    public void AWholeEntryOrOneValueOfAListIsReplaced()
    {
        ScenarioSpec shape = Scenarios.Seed(Hourly, "traffic.daily_shape.hourly[3]=40");
        ScenarioSpec entry = Scenarios.Seed(TwoClasses, "traffic.classes[1]={name: overnight, share: 0.3, deadline_hours: 12}");
        Assert.Multiple(() =>
        {
            // Hour 3 was 4; every other hour keeps its own level.
            var levels = ((HourlyShape)shape.Traffic.DailyShape).Levels;
            Assert.That(levels[3] / levels[2], Is.EqualTo(40.0 / 3).Within(1e-12));
            Assert.That(levels[4] / levels[2], Is.EqualTo(5.0 / 3).Within(1e-12));
            Assert.That(entry.Traffic.Classes!.Classes[1].Name, Is.EqualTo("overnight"));
            Assert.That(entry.Traffic.Classes!.Classes[1].DeadlineHours, Is.EqualTo(12));
        });
    }

    [TestCase("traffic.classes[2].share=0.1", "traffic.classes", "has 2 entries, numbered from 0: there is no [2]")]
    [TestCase("traffic.classes[0][1]=1", "traffic.classes[0]", "is not a list, so [1] names nothing in it")]
    [TestCase("traffic.request_mix[0]=1", "traffic.request_mix", "is not a list, so [0] names nothing in it")]
    [TestCase("fleet.pools[0].share=1", "fleet.pools", "is not in the scenario, so it has no entries to set")]
    [TestCase("traffic.classes[1].share.x=1", "traffic.classes[1].share", "is a value, not a section")]
    public void WhatAnEntryPathCannotNameIsRefusedByName(string set, string keyPath, string problem)
    {
        var e = Assert.Throws<ScenarioException>(() => Scenarios.Seed(TwoClasses, set))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.KeyPath, Is.EqualTo(keyPath));
            Assert.That(e.Message, Does.Contain(problem).And.Contain("--set"));
        });
    }

    [TestCase("traffic.classes[-1].share=1")]
    [TestCase("traffic.classes[x].share=1")]
    [TestCase("traffic.classes[1.share=1")]
    [TestCase("traffic.classes]1[.share=1")]
    [TestCase("traffic.[1].share=1")]
    [TestCase("traffic.classes[1]x.share=1")]
    public void AMalformedEntryIsNotAKeyPath(string set)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioOverride.Parse(set))!;
        Assert.That(e.Message, Does.Contain("is not a key path"));
    }
}
