using System.Numerics;
using System.Runtime.Intrinsics;

namespace FleetSim.Routing.Requests;

/// <summary>
/// spill's simple-shuffle with equal weights on a fleet of at most <see cref="MaxReplicas"/>
/// replicas: uniform among the replicas with a free slot, found in one vector compare of each
/// replica's next free time rather than by asking each replica in turn.
/// </summary>
/// <remarks>
/// A replica has a free slot at t exactly when t ≥ its pool's <see cref="ServerBank.NextFree"/>, which
/// changes only when the replica takes a request; the router reports it then
/// (<see cref="Update"/>). The pick is the ⌊u·k⌋-th of the k replicas with a free slot in index
/// order for one uniform u: the very draw and replica of <see cref="ReplicaPicker"/>'s scan.
/// </remarks>
public sealed class FreeSlotShuffle
{
    /// <summary>The most replicas it takes (one 16-bit mask).</summary>
    public const int MaxReplicas = 16;

    private readonly double[] _nextFree = new double[MaxReplicas];
    private readonly int _replicas;
    private readonly Random _random;

    /// <param name="replicas">1 … <see cref="MaxReplicas"/>, each with a free slot at the start.</param>
    /// <param name="random">The routing stream.</param>
    public FreeSlotShuffle(int replicas, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicas, MaxReplicas);
        _replicas = replicas;
        _random = random;
        _nextFree.AsSpan(0, replicas).Fill(double.NegativeInfinity);
        _nextFree.AsSpan(replicas).Fill(double.PositiveInfinity); // never free
    }

    /// <summary>Replica <paramref name="replica"/> has a free slot from <paramref name="nextFree"/> (seconds) on.</summary>
    public void Update(int replica, double nextFree) => _nextFree[replica] = nextFree;

    /// <summary>A replica with a free slot at <paramref name="now"/>, uniformly, or -1 when every slot is busy.</summary>
    public int Pick(double now)
    {
        uint free = FreeMask(now);
        if (free == 0)
        {
            return -1;
        }
        int k = BitOperations.PopCount(free);
        int j = Math.Min((int)(_random.NextDouble() * k), k - 1);
        if (System.Runtime.Intrinsics.X86.Bmi2.IsSupported)
        {
            return BitOperations.TrailingZeroCount(System.Runtime.Intrinsics.X86.Bmi2.ParallelBitDeposit(1u << j, free));
        }
        for (; j > 0; j--)
        {
            free &= free - 1;
        }
        return BitOperations.TrailingZeroCount(free);
    }

    private uint FreeMask(double now)
    {
        double[] f = _nextFree;
        if (Vector256.IsHardwareAccelerated)
        {
            var t = Vector256.Create(now);
            uint mask = Vector256.LessThanOrEqual(Vector256.Create(f, 0), t).ExtractMostSignificantBits();
            if (_replicas > 4)
            {
                mask |= Vector256.LessThanOrEqual(Vector256.Create(f, 4), t).ExtractMostSignificantBits() << 4;
                if (_replicas > 8)
                {
                    mask |= Vector256.LessThanOrEqual(Vector256.Create(f, 8), t).ExtractMostSignificantBits() << 8;
                    mask |= Vector256.LessThanOrEqual(Vector256.Create(f, 12), t).ExtractMostSignificantBits() << 12;
                }
            }
            return mask;
        }
        uint bits = 0;
        for (int r = 0; r < _replicas; r++)
        {
            bits |= (f[r] <= now ? 1u : 0u) << r;
        }
        return bits;
    }
}
