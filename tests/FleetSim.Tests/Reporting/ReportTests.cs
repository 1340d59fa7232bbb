using System.Diagnostics;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Reporting.Charts;
using SkiaSharp;

namespace FleetSim.Tests.Reporting;

/// <summary>fleetsim report writes five legible charts, report.md with the bill and a self-contained report.html.</summary>
[NonParallelizable]
public class ReportTests
{
    private static readonly string[] Charts = ["timeline.png", "daily-profile.png", "cost.png", "savings-distribution.png", "utilization.png", "sensitivity.png"];
    private static string _dir = "";

    [OneTimeSetUp]
    public static void WriteReport()
    {
        _dir = Path.Combine(Directory.CreateTempSubdirectory("fleetsim-report-").FullName, "report");
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(
            ["report", "--runs", "12", "--out", _dir,
             "--set", "traffic.noise={minute_cv: 0.2, minute_correlation: 0.9, daily_cv: 0.1}",
             "--set", "scaling.policies=[floor, breakeven, schedule, oracle]"],
            new StringWriter(), stderr);
        Assert.That(code, Is.EqualTo(0), stderr.ToString());
    }

    [OneTimeTearDown]
    public static void Remove() => Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true);

    [Test]
    public void EveryFileIsWritten() =>
        Assert.That(Directory.GetFiles(_dir).Select(Path.GetFileName), Is.EquivalentTo(Charts.Append("report.md").Append("report.html")));

    [TestCaseSource(nameof(Charts))]
    public void ChartIs1600By900AndNotBlank(string file)
    {
        using SKBitmap bitmap = SKBitmap.Decode(Path.Combine(_dir, file));
        var colours = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y += 7)
        {
            for (int x = 0; x < bitmap.Width; x += 7)
            {
                colours.Add((uint)bitmap.GetPixel(x, y));
            }
        }
        Assert.Multiple(() =>
        {
            Assert.That(bitmap.Width, Is.EqualTo(ChartStyle.Width));
            Assert.That(bitmap.Height, Is.EqualTo(ChartStyle.Height));
            Assert.That(colours, Has.Count.GreaterThan(20), "a chart has lines, areas, text: many colours");
        });
    }

    [Test]
    public void MarkdownHoldsTheBillThePoliciesAndTheAssumptions()
    {
        string md = File.ReadAllText(Path.Combine(_dir, "report.md"));
        Assert.Multiple(() =>
        {
            Assert.That(md, Does.Contain("| All API |"));
            Assert.That(md, Does.Contain("| Self-host + spillover |"));
            Assert.That(md, Does.Contain("| oracle (bound) |"));
            Assert.That(md, Does.Contain("`replica.usd_per_gpu_hour` | 6"));
            Assert.That(md, Does.Contain("`pricing.billing` | per-second"), "defaults are listed too");
            foreach (string chart in Charts)
            {
                Assert.That(md, Does.Contain($"]({chart})"));
            }
        });
    }

    [Test]
    public void HtmlEmbedsEveryImage()
    {
        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        Assert.That(html.Split("src=\"data:image/png;base64,").Length - 1, Is.EqualTo(Charts.Length));
    }

    [Test]
    public void EveryImageLoadsInHeadlessChromium()
    {
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Assert.Ignore("headless Chromium not installed (apt-get install -y chromium)");
        }
        string profile = Directory.CreateTempSubdirectory("fleetsim-chromium-").FullName;
        var start = new ProcessStartInfo(chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom",
            new Uri(Path.Combine(_dir, "report.html")).AbsoluteUri,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process browser = Process.Start(start)!;
        Task<string> dom = browser.StandardOutput.ReadToEndAsync();
        _ = browser.StandardError.ReadToEndAsync();
        Assert.That(browser.WaitForExit(60_000), Is.True, "chromium finished");
        Directory.Delete(profile, recursive: true);
        Assert.That(dom.Result, Does.Contain("data-images=\"loaded\""));
    }

    [Test]
    public void ChartsAreFunctionsOfResults()
    {
        PolicyComparison c = PolicyComparison.Of(Scenarios.Seed("horizon_hours=48"), ["floor", "oracle"]);
        Assert.Multiple(() =>
        {
            Assert.That(CompareChart.Draw(c).GetImageBytes(800, 450, ScottPlot.ImageFormat.Png), Is.Not.Empty);
            Assert.That(DailyProfileChart.Draw(c).GetImageBytes(800, 450, ScottPlot.ImageFormat.Png), Is.Not.Empty);
            Assert.That(UtilizationChart.Draw(c, 0.79).GetImageBytes(800, 450, ScottPlot.ImageFormat.Png), Is.Not.Empty);
        });
    }
}
