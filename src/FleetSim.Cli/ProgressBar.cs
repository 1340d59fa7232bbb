using System.Diagnostics;

namespace FleetSim.Cli;

/// <summary>
/// A progress bar on stderr for long sweeps: shown only once a sweep has run for 2 s, only when
/// stderr is a terminal, and redrawn at most ten times a second.
/// </summary>
public sealed class ProgressBar(long total, TextWriter stderr, bool enabled)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private long _lastDraw;
    private bool _drawn;

    public void Report(long done)
    {
        if (!enabled || _clock.ElapsedMilliseconds < 2000)
        {
            return;
        }
        lock (_gate)
        {
            long now = _clock.ElapsedMilliseconds;
            if (now - _lastDraw < 100 && done < total)
            {
                return;
            }
            _lastDraw = now;
            _drawn = true;
            const int width = 30;
            int filled = (int)(width * done / Math.Max(1, total));
            double perSecond = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            stderr.Write($"\r  [{new string('#', filled)}{new string(' ', width - filled)}] {done:N0}/{total:N0} months, {perSecond:N0}/s ");
        }
    }

    public void Finish()
    {
        if (_drawn)
        {
            stderr.WriteLine();
        }
    }
}
