using FleetSim.Engine;
using FleetSim.Reporting;
using FleetSim.Runs;
using FleetSim.Scenario;

namespace FleetSim.Tests.Traffic.Classes;

/// <summary>
/// A run with a deferrable class carries the bill deferral is set against: the same fleet and tokens with every class
/// interactive, which is the run of the same scenario without classes (its savings share alone can fall with deferral,
/// since its all-API bill prices the waiting tokens at the batch tier).
/// </summary>
public class AllInteractiveBillTests
{
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    [Test]
    public void TheAllInteractiveBillIsTheRunWithoutClasses()
    {
        string path = Path.Combine(RepoRoot, "scenarios/cline-k2-deferrable.yaml");
        ScenarioSpec spec = ScenarioLoader.LoadFile(path);
        ScenarioRun deferred = ScenarioRun.Of(spec, EngineChoice.Minute);
        ScenarioRun plain = ScenarioRun.Of(spec with { Traffic = spec.Traffic with { Classes = null } }, EngineChoice.Minute);
        Assert.That(plain.Scenario.Traffic.Classes, Is.Null);
        Assert.That(deferred.AllInteractiveBill, Is.Not.Null);
        Assert.That(deferred.AllInteractiveBill!.Total.Value, Is.EqualTo(plain.Bill.Total.Value).Within(0.005));
        Assert.That(deferred.AllInteractiveBill.AllApi.Value, Is.EqualTo(plain.Bill.AllApi.Value).Within(0.005));
        // Letting the bulk class wait makes the month cheaper, though its savings share is against a smaller baseline.
        Assert.That(deferred.Bill.Total.Value, Is.LessThan(plain.Bill.Total.Value));
    }

    [Test]
    public void WithoutADeferrableClassThereIsNone()
    {
        ScenarioRun run = ScenarioRun.Of(ScenarioLoader.LoadFile(Path.Combine(RepoRoot, "scenarios/cline-k2-priorities.yaml")), EngineChoice.Minute);
        Assert.That(run.AllInteractiveBill, Is.Null);
        Assert.That(System.Text.Json.Nodes.JsonNode.Parse(BillJson.Serialize(BillSummary.Of(run)))!["all_interactive"], Is.Null, "omitted");
    }

    /// <summary>bill.json carries the same comparison as the table: the plain run's total and baseline, and the difference to the classed bill.</summary>
    [Test]
    public void BillJsonCarriesTheAllInteractiveBill()
    {
        ScenarioSpec spec = ScenarioLoader.LoadFile(Path.Combine(RepoRoot, "scenarios/cline-k2-deferrable.yaml"));
        ScenarioRun deferred = ScenarioRun.Of(spec, EngineChoice.Minute);
        var json = System.Text.Json.Nodes.JsonNode.Parse(BillJson.Serialize(BillSummary.Of(deferred)))!;
        var plain = System.Text.Json.Nodes.JsonNode.Parse(BillJson.Serialize(BillSummary.Of(
            ScenarioRun.Of(spec with { Traffic = spec.Traffic with { Classes = null } }, EngineChoice.Minute))))!;
        var same = json["all_interactive"]!;
        Assert.Multiple(() =>
        {
            Assert.That((double)same["total_usd"]!, Is.EqualTo((double)plain["total_usd"]!));
            Assert.That((double)same["all_api_usd"]!, Is.EqualTo((double)plain["all_api_usd"]!));
            Assert.That((double)same["savings_fraction"]!, Is.EqualTo((double)plain["savings_fraction"]!));
            Assert.That((double)same["deferral_saves_usd"]!, Is.EqualTo((double)plain["total_usd"]! - (double)json["total_usd"]!).Within(0.011));
        });
    }
}
