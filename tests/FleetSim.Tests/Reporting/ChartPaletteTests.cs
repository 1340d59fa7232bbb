using FleetSim.Reporting.Charts;
using ScottPlot;

namespace FleetSim.Tests.Reporting;

public class ChartPaletteTests
{
    [Test]
    public void ContrastFollowsTheWcagFormula()
    {
        // WCAG 2.x: black on white is 21:1, white on white 1:1; #777777 is the well-known 4.48:1 grey
        // (channel 0x77 = 119 → (119/255 + 0.055)/1.055)^2.4 = 0.1845; 1.05 / 0.2345 = 4.478).
        Assert.Multiple(() =>
        {
            Assert.That(ChartPalette.ContrastOnWhite(Colors.Black), Is.EqualTo(21).Within(1e-9));
            Assert.That(ChartPalette.ContrastOnWhite(Colors.White), Is.EqualTo(1).Within(1e-9));
            Assert.That(ChartPalette.ContrastOnWhite(Color.FromHex("#777777")), Is.EqualTo(4.478).Within(0.005));
        });
    }

    [Test]
    public void NoPaletteColourIsTooPaleOnWhite()
    {
        var pale = ChartPalette.All.Where(c => ChartPalette.ContrastOnWhite(c) < 3.0).Select(c => c.ToHex()).ToArray();
        Assert.That(pale, Is.Empty, "every colour at least 3:1 against white (WCAG 2.x SC 1.4.11)");
    }

    [Test]
    public void OkabeItoYellowWouldFail()
    {
        // The old oracle colour, Okabe and Ito's yellow #F0E442, is what the check exists for: L = 0.744, so
        // 1.05 / 0.794 = 1.32:1.
        Assert.That(ChartPalette.ContrastOnWhite(Color.FromHex("#F0E442")), Is.EqualTo(1.32).Within(0.01));
    }

    [Test]
    public void APolicyKeepsItsColourWhateverIsDrawnBesideIt()
    {
        Color alone = ChartPalette.For(["oracle"])[0];
        Color withFour = ChartPalette.For(["floor", "breakeven", "schedule", "oracle"])[3];
        Color withSix = ChartPalette.For(["floor", "breakeven", "schedule", "reactive", "predictive", "oracle"])[5];
        Color holtWinters = ChartPalette.For(["predictive (Holt-Winters)"])[0];
        Assert.Multiple(() =>
        {
            Assert.That(withFour, Is.EqualTo(alone));
            Assert.That(withSix, Is.EqualTo(alone));
            Assert.That(holtWinters, Is.EqualTo(ChartPalette.Of("predictive")), "a variant keeps its policy's colour");
        });
    }

    [Test]
    public void NoTwoNamesInOneSetShareAColourEvenPastTheNamedOnes()
    {
        string[] names = ["static:3", "static:12", "floor", "breakeven", "schedule", "reactive", "predictive", "oracle",
                          .. Enumerable.Range(0, 12).Select(i => $"custom policy {i}")];
        Color[] colours = ChartPalette.For(names);
        Assert.Multiple(() =>
        {
            Assert.That(colours.Distinct().Count(), Is.EqualTo(names.Length));
            Assert.That(colours.Where(c => ChartPalette.ContrastOnWhite(c) < 3.0), Is.Empty, "generated colours are dark enough too");
        });
    }
}
