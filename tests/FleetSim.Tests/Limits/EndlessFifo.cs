namespace FleetSim.Tests.Limits;

/// <summary>
/// A named pipe whose writer never stops (after an optional first line, the same line forever) until
/// disposed: the input a reader must refuse rather than read to its end. Skips the test where mkfifo is missing.
/// </summary>
internal sealed class EndlessFifo : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;

    public EndlessFifo(string path, byte[] first, byte[] line)
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "needs mkfifo");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", path))
        {
            mk.WaitForExit();
            Assume.That(mk.ExitCode, Is.Zero, "mkfifo");
        }
        Path = path;
        CancellationToken stop = _stop.Token;
        _writer = Task.Run(() =>
        {
            try
            {
                using var w = new FileStream(path, FileMode.Open, FileAccess.Write);
                w.Write(first);
                while (!stop.IsCancellationRequested)
                {
                    w.Write(line);
                }
            }
            catch (IOException)
            {
                // the reader closed its end: the point of the test
            }
        });
    }

    public string Path { get; }

    /// <summary>Stops the writer; asserts it ended within 10 s (the reader let go of the pipe).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        Assert.That(_writer.Wait(TimeSpan.FromSeconds(10)), Is.True, "the writer ended: the reader let go of the pipe");
        _stop.Dispose();
    }
}
