namespace FleetSim.Engine.Requests;

/// <summary>
/// Independent random streams from one seed (arrivals, sizes, routing each get their own), so that
/// changing how one is used does not shift the others. SplitMix64 spreads the seed; each stream is
/// a buffered, vectorized xoshiro256** (<see cref="Kernels.VectorRandom"/>), cheap per draw.
/// </summary>
public sealed class SeedStreams(int seed)
{
    private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;

    public Random Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return new Kernels.VectorRandom(z);
    }
}
