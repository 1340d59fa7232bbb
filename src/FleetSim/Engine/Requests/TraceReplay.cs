using FleetSim.Traffic.Traces;

namespace FleetSim.Engine.Requests;

/// <summary>
/// Arrivals replayed from a trace: its own request times and sizes, streamed from the file again,
/// tiled over the horizon the way the minute engine tiles it (whole days, else whole hours), and
/// thinned or repeated at random to carry the target volume: each trace request arrives
/// ⌊f⌋ times, plus once more with probability f − ⌊f⌋. A per-minute aggregate row's requests are
/// spread evenly over its minute, each with the row's mean size.
/// </summary>
internal sealed class TraceReplay : IEnumerable<(double Seconds, double Tokens)>
{
    private readonly TraceProfile _profile;
    private readonly double _horizonSeconds;
    private readonly double _factor;
    private readonly Random _random;

    public TraceReplay(TraceProfile profile, double horizonSeconds, double targetTokens, Random random)
    {
        _profile = profile;
        _horizonSeconds = horizonSeconds;
        _random = random;
        int unit = profile.Minutes >= 1440 ? 1440 : profile.Minutes >= 60 ? 60 : profile.Minutes;
        UsableSeconds = profile.Minutes / unit * unit * 60.0;
        double perPass = profile.MinuteRate.Take((int)(UsableSeconds / 60)).Sum() * 60.0;
        double passes = horizonSeconds / UsableSeconds;
        _factor = perPass > 0 ? targetTokens / (perPass * passes) : 0;
    }

    /// <summary>Seconds of the trace replayed per pass (its whole days, or whole hours).</summary>
    public double UsableSeconds { get; }

    public IEnumerator<(double Seconds, double Tokens)> GetEnumerator()
    {
        for (double offset = 0; offset < _horizonSeconds; offset += UsableSeconds)
        {
            foreach (TraceRequest r in TraceReader.Read(_profile.Path, _profile.Options, new TraceStats()))
            {
                if (r.Seconds >= UsableSeconds)
                {
                    break;
                }
                double size = r.ProcessedTokens / r.Count;
                for (int k = 0; k < r.Count; k++)
                {
                    double at = offset + r.Seconds + (r.Count > 1 ? 60.0 * k / r.Count : 0);
                    if (at >= _horizonSeconds)
                    {
                        yield break;
                    }
                    int copies = (int)Math.Floor(_factor) + (_random.NextDouble() < _factor - Math.Floor(_factor) ? 1 : 0);
                    for (int c = 0; c < copies; c++)
                    {
                        yield return (at, size);
                    }
                }
            }
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
