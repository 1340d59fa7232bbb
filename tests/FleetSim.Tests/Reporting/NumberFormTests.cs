using System.Text.Json;
using FleetSim.Reporting;
using FleetSim.Units;

namespace FleetSim.Tests.Reporting;

/// <summary>Issue 15, kind 9: floating-point leftovers never show as values, in tables or in JSON.</summary>
public class NumberFormTests
{
    [TestCase(-1.4e-12, "$0")]
    [TestCase(-0.4, "$0")]
    [TestCase(-0.6, "-$1")]
    [TestCase(1152, "$1,152")]
    [TestCase(-1152, "-$1,152")]
    public void DollarsNeverReadMinusZero(double value, string expected) =>
        Assert.That(new Usd(value).ToString(), Is.EqualTo(expected));

    [TestCase(-1.4e-12, "$0")]
    [TestCase(-185_000, "-$185K")]
    public void ShortDollarsNeverReadMinusZero(double value, string expected) =>
        Assert.That(new Usd(value).ToShortString(), Is.EqualTo(expected));

    [TestCase(-1e-12, 1, "0.0 %")]
    [TestCase(-0.0004, 1, "0.0 %")]
    [TestCase(-0.0006, 1, "-0.1 %")]
    [TestCase(-1e-9, 2, "0.00 %")]
    [TestCase(0.12345, 1, "12.3 %")]
    [TestCase(double.NaN, 1, "n/a")]
    public void SharesNeverReadMinusZero(double share, int decimals, string expected) =>
        Assert.That(Percent.Format(share, decimals), Is.EqualTo(expected));

    private sealed record Sample(double AllApiUsd, double SpillUsd, double SpillShare, double SavingsFraction, double DemandTokens,
                                 double? Missing, double Infinite, double NegativeZero);

    [Test]
    public void JsonRoundsMoneyToCentsSharesToSixDecimalsAndTheRestToTwelveDigits()
    {
        string json = JsonSerializer.Serialize(
            new Sample(184810.9999999952, -1.4e-12, 0.53625512345, 0.0845471, 583_000_000_000.000_1, null, double.PositiveInfinity, -0.0),
            JsonNumbers.Options(contracts: new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()));
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement e = doc.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(e.GetProperty("all_api_usd").GetRawText(), Is.EqualTo("184811"));
            Assert.That(e.GetProperty("spill_usd").GetRawText(), Is.EqualTo("0"));
            Assert.That(e.GetProperty("spill_share").GetRawText(), Is.EqualTo("0.536255"));
            Assert.That(e.GetProperty("savings_fraction").GetRawText(), Is.EqualTo("0.084547"));
            Assert.That(e.GetProperty("demand_tokens").GetRawText(), Is.EqualTo("583000000000"));
            Assert.That(e.GetProperty("missing").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(e.GetProperty("infinite").ValueKind, Is.EqualTo(JsonValueKind.Null), "not finite: null, not a crash");
            Assert.That(e.GetProperty("negative_zero").GetRawText(), Is.EqualTo("0"));
        });
    }
}
