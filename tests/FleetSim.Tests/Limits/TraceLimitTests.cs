using FleetSim.Scenario;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Limits;

/// <summary>
/// Traces are bounded by span, stamp years, tokens per minute, record length and rows (<see cref="InputLimits"/>;
/// issue 15, kinds 1, 5 and 7): each example of the issue is one message naming the file and line and the limit.
/// </summary>
public class TraceLimitTests : LimitCase
{
    private const string PerMinuteHeader = "minute,requests,input_tokens,output_tokens\n";

    private string[] Summarize(string path) => ["trace", "summarize", path, "--out", Path.Combine(Dir, "out")];

    [Test]
    public void ATraceThatIsAnEndlessStreamOfZerosIsRefused()
    {
        Assume.That(File.Exists("/dev/zero"), "needs /dev/zero");
        Refused(Summarize("/dev/zero"), "/dev/zero", "not text");
    }

    [Test]
    public void ATraceOnAPipeIsRefusedNotReadForever()
    {
        using var fifo = new EndlessFifo(Path.Combine(Dir, "endless.csv"), "minute,requests,input_tokens,output_tokens\n"u8.ToArray(), "0,1,100,100\n"u8.ToArray());
        Refused([.. Summarize(fifo.Path), "--input-format", "per-minute"], "endless.csv", "pipe");
    }

    [Test]
    public void ALineThatNeverEndsIsRefusedAtTheRecordLimit()
    {
        string path = Write("oneline.csv", PerMinuteHeader + new string('1', InputLimits.MaxTraceRecordBytes + 10));
        Refused(Summarize(path), "oneline.csv:2", "1 MiB");
    }

    [Test]
    public void APerMinuteRowAtMinuteNineBillionIsRefused()
    {
        // 9e9 minutes = 9e9 / (60 · 24 · 365) = 17,123.3 years from the trace's start.
        string path = Write("far.csv", PerMinuteHeader + "9000000000,1,100,100\n");
        Refused(Summarize(path), "far.csv:2", "17123.3 years", $"at most {InputLimits.MaxTraceSpanYears} years");
    }

    [Test]
    public void APerMinuteRowJustInsideTheSpanIsRead()
    {
        // 5 · 365 days = 2,628,000 minutes: the last minute inside is 2,627,999.
        string path = Write("edge.csv", PerMinuteHeader + "2627999,1,100,100\n");
        var stats = new TraceStats();
        var requests = TraceReader.Read(path, new TraceOptions(), stats).ToList();
        Assert.That(requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void AnAzureStampInYear9999IsRefused()
    {
        string path = Write("azure.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n9999-12-31 23:59:59.000,100,100\n");
        Refused(Summarize(path), "azure.csv:2", "9999-12-31", $"from {InputLimits.EarliestStampYear} to {InputLimits.LatestStampYear}");
        // It crashed the time-zone conversion before: the same file with a zone east of UTC.
        Refused([.. Summarize(path), "--timezone", "Pacific/Kiritimati"], "azure.csv:2", $"to {InputLimits.LatestStampYear}");
    }

    [Test]
    public void AMooncakeStampOf1e300IsRefused()
    {
        string path = Write("mooncake.jsonl", "{\"timestamp\": 1e300, \"input_length\": 10, \"output_length\": 10}\n");
        // 1e300 ms = 1e297 s = 1e297 / 31,536,000 = 3.17e289 years.
        Refused(Summarize(path), "mooncake.jsonl:1", "3.17E+289 years", $"at most {InputLimits.MaxTraceSpanYears} years");
    }

    [Test]
    public void ABurstGptStampTenYearsOutIsRefused()
    {
        // 10 years of 365 days = 315,360,000 s.
        string path = Write("burst.csv", "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n315360000,ChatGPT,10,10,20,Conversation log\n");
        Refused(Summarize(path), "burst.csv:2", "10 years", $"at most {InputLimits.MaxTraceSpanYears} years");
    }

    [Test]
    public void AMinuteOf10To15TokensIsRefusedNamingTheLimit()
    {
        // 10^15 tokens over 10^9 requests is 10^6 a request, a plausible size: it is the minute's total that is not.
        string path = Write("big.csv", PerMinuteHeader + "0,1000000000,999999999999900,100\n");
        Refused(Summarize(path), "big.csv:2", "1E+15 tokens in a minute", "1E+12");
    }

    [Test]
    public void ARowOf10To29TokensIsRefusedInARunToo()
    {
        Write("huge.csv", PerMinuteHeader + "0,100000000,100000000000000000000000000000,100\n");
        string scenario = Scenario("huge.yaml", "  trace: huge.csv");
        Refused(["run", scenario, "--out", Path.Combine(Dir, "out")], "huge.csv:2", "a typo or a unit error");
    }

    [Test]
    public void ManyPlausibleRowsAddingUpToAnImplausibleMinuteAreRefused()
    {
        // 100,001 rows of one request of 10^7 tokens (9,999,900 + 100), all in minute 0: 1.00001e12 tokens in that minute.
        string rows = string.Concat(Enumerable.Repeat("0,1,9999900,100\n", 100_001));
        string path = Write("busy.csv", PerMinuteHeader + rows);
        Refused(Summarize(path), "busy.csv", "minute 0", "1E+12 tokens", "more than the 1E+12");
    }

    [Test]
    public void AMinuteJustUnderTheLimitIsRead()
    {
        // 10^12 tokens over 10^6 requests (10^6 each): exactly the limit, kept.
        string path = Write("edge.csv", PerMinuteHeader + "0,1000000,999999999900,100\n");
        var requests = TraceReader.Read(path, new TraceOptions(), new TraceStats()).ToList();
        Assert.That(requests.Sum(r => r.InputTokens + r.OutputTokens), Is.EqualTo(1e12));
    }

    [Test]
    public void AnEndlessRunOfBlankLinesEnds()
    {
        // Not the 200M-line limit itself (seconds of reading): that a stream of blank lines is read at all line by line
        // with the line counter that the limit checks; see InputLimits.MaxTraceRows for the bound.
        string path = Write("blank.csv", PerMinuteHeader + new string('\n', 100_000) + "0,1,100,100\n");
        Assert.That(TraceReader.Read(path, new TraceOptions(), new TraceStats()).Count(), Is.EqualTo(1));
    }
}
