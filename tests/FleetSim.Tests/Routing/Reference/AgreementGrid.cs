using System.Globalization;

namespace FleetSim.Tests.Routing.Reference;

/// <summary>One point of the agreement grid: a fleet, a load, a patience, a size law and a picker.</summary>
/// <param name="Replicas">n.</param>
/// <param name="Slots">c: slots per replica.</param>
/// <param name="Load">ρ = λ·S̄/(n·c).</param>
/// <param name="Patience">τ in seconds.</param>
/// <param name="Exponential">Exponential sizes; otherwise lognormal with <paramref name="Cv"/>.</param>
/// <param name="Cv">Coefficient of variation of the sizes (1 for exponential).</param>
/// <param name="Picker">The router's rule.</param>
public readonly record struct GridCase(int Replicas, int Slots, double Load, double Patience, bool Exponential, double Cv, ReferencePicker Picker)
{
    /// <summary>The seed's request: 85K processed tokens on a replica of 26.6K tok/s, so S̄ = 85,000·c/26,600 s.</summary>
    public double MeanService => 85_000.0 * Slots / 26_600.0;

    /// <summary>λ, requests per second offered to the fleet.</summary>
    public double ArrivalRate => Load * Replicas * Slots / MeanService;

    public string Sizes => Exponential ? "exp" : $"ln{Cv.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A seed fixed by the case, so every run of the grid is the same. (Not HashCode.Combine, which is
    /// salted afresh in every process.)
    /// </summary>
    public ulong Seed
    {
        get
        {
            ulong x = 0x9E3779B97F4A7C15UL;
            foreach (long part in new long[] { Replicas, Slots, (long)Math.Round(Load * 1000), (long)Math.Round(Patience), Exponential ? 0 : 1 + (long)Math.Round(Cv * 100), (long)Picker })
            {
                x = (x ^ (ulong)part) * 0xBF58476D1CE4E5B9UL;
                x ^= x >> 31;
            }
            return x & 0x7FFF_FFFF;
        }
    }

    /// <summary>Runs the reference simulation for this case.</summary>
    public ReferenceResult Simulate(long requests) =>
        new ReplicaFleetSimulation(Replicas, Slots, Picker, ArrivalRate, MeanService, Exponential, Cv, Patience, Seed)
            .Run(requests, requests / 10 + 2_000L * Replicas * Slots);

    public string ToCsv(ReferenceResult r) => string.Join(',',
        Picker, Replicas, Slots, Load.ToString(CultureInfo.InvariantCulture), Patience.ToString(CultureInfo.InvariantCulture), Sizes,
        r.FallbackShare.ToString("R", CultureInfo.InvariantCulture), r.FallbackTokenShare.ToString("R", CultureInfo.InvariantCulture),
        r.StandardError.ToString("R", CultureInfo.InvariantCulture), r.Requests.ToString(CultureInfo.InvariantCulture));

    public static GridCase FromCsv(string line, out ReferenceResult result)
    {
        string[] p = line.Split(',');
        var picker = Enum.Parse<ReferencePicker>(p[0]);
        bool exponential = p[5] == "exp";
        double cv = exponential ? 1 : double.Parse(p[5][2..], CultureInfo.InvariantCulture);
        result = new ReferenceResult(long.Parse(p[9], CultureInfo.InvariantCulture), double.Parse(p[6], CultureInfo.InvariantCulture),
            double.Parse(p[7], CultureInfo.InvariantCulture), double.Parse(p[8], CultureInfo.InvariantCulture));
        return new GridCase(int.Parse(p[1], CultureInfo.InvariantCulture), int.Parse(p[2], CultureInfo.InvariantCulture),
            double.Parse(p[3], CultureInfo.InvariantCulture), double.Parse(p[4], CultureInfo.InvariantCulture), exponential, cv, picker);
    }

    /// <summary>The full grid of the issue: 1–64 replicas, 8 and 4 slots, loads 0.5–1.5, patience 0–300 s, four size laws, two pickers.</summary>
    public static IEnumerable<GridCase> Full()
    {
        foreach (ReferencePicker picker in new[] { ReferencePicker.Shuffle, ReferencePicker.LeastBusyInFlight })
        {
            foreach (int slots in new[] { 8, 4 })
            {
                foreach (int replicas in new[] { 1, 2, 4, 8, 16, 64 })
                {
                    foreach (double patience in new[] { 0.0, 10, 30, 120, 300 })
                    {
                        foreach ((bool exponential, double cv) in new[] { (true, 1.0), (false, 0.5), (false, 1.0), (false, 2.0) })
                        {
                            foreach (double load in new[] { 0.5, 0.7, 0.9, 1.0, 1.1, 1.3, 1.5 })
                            {
                                yield return new GridCase(replicas, slots, load, patience, exponential, cv, picker);
                            }
                        }
                    }
                }
            }
        }
    }
}
