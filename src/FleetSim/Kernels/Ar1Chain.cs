using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FleetSim.Kernels;

/// <summary>
/// An AR(1) chain over a month, x_m = ρ·x_{m−1} + c·z_m with x_0 = s·z_0, run as four chains at once.
/// </summary>
/// <remarks>
/// Run one minute after another, the chain is 43,800 dependent fused multiply-adds: four cycles
/// each, a quarter of a noisy month. Here the month is cut into four lanes of L minutes; one vector
/// carries all four, each lane starting from 0, so each step advances four minutes. Lane j's true
/// values differ from its own by ρ^(k+1)·x_{jL−1} at its k-th minute, where x_{jL−1} is where the
/// lane before it truly ended, so one more pass adds that back once the ends are known.
/// Innovations are taken four at a time, z[4k + j] driving lane j's k-th minute: they are
/// independent draws, so any order of them gives the same process, and this order needs no
/// shuffling on the way in. The minutes are transposed to month order on the way out. Every
/// operation is an exactly rounded IEEE one, so the result is the same bits on any machine, with
/// or without AVX.
/// </remarks>
public sealed class Ar1Chain
{
    private readonly double _rho;
    private readonly double[] _powers; // ρ^(k+1), while it is not 0

    public Ar1Chain(int minutes, double rho)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes, 1);
        Minutes = minutes;
        LaneLength = (minutes + 15) / 16 * 4;
        _rho = rho;
        var powers = new List<double>();
        for (double p = rho; p != 0 && powers.Count < LaneLength; p *= rho)
        {
            powers.Add(p);
        }
        _powers = [.. powers];
    }

    public int Minutes { get; }

    /// <summary>Minutes per lane, a multiple of 4: the four lanes cover 4·L ≥ <see cref="Minutes"/>.</summary>
    public int LaneLength { get; }

    /// <summary>How many innovations <see cref="Run"/> reads and how many numbers it writes: 4·L.</summary>
    public int Length => 4 * LaneLength;

    /// <summary>
    /// Writes x_m − <paramref name="offset"/> for every minute into <paramref name="chain"/>[m]
    /// (past <see cref="Minutes"/>, up to <see cref="Length"/>, the numbers are scratch).
    /// </summary>
    /// <param name="innovations">At least <see cref="Length"/> standard normals; not overwritten.</param>
    /// <param name="start">s: x_0 = s·z_0.</param>
    /// <param name="innovation">c: the innovation's scale.</param>
    /// <param name="chain">At least <see cref="Length"/> numbers, not overlapping <paramref name="innovations"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first run: no slow tier-0 months
    public void Run(ReadOnlySpan<double> innovations, double start, double innovation, double offset, Span<double> chain)
    {
        if (innovations.Length < Length || chain.Length < Length)
        {
            throw new ArgumentException($"innovations and chain must hold {Length} numbers");
        }
        int lane = LaneLength;
        var rho = Vector256.Create(_rho);
        var scale = Vector256.Create(innovation);
        var shift = Vector256.Create(offset);
        // Step 0: lane 0 starts the month stationary, the others from 0 (fixed below).
        Vector256<double> y = Vector256.Create(start, innovation, innovation, innovation) * Vector256.Create(innovations[..4]);
        for (int k0 = 0; k0 < lane; k0 += 4)
        {
            Vector256<double> y0 = k0 == 0 ? y : Step(rho, y, scale, innovations, k0);
            Vector256<double> y1 = Step(rho, y0, scale, innovations, k0 + 1);
            Vector256<double> y2 = Step(rho, y1, scale, innovations, k0 + 2);
            Vector256<double> y3 = Step(rho, y2, scale, innovations, k0 + 3);
            y = y3;
            Store(y0 - shift, y1 - shift, y2 - shift, y3 - shift, chain, k0, lane);
        }

        // Where each lane truly ended, lane by lane, and the fix-up of lanes 1 to 3.
        double end = 0;
        for (int j = 1; j < 4; j++)
        {
            double ownEnd = y.GetElement(j - 1);
            end = j == 1 ? ownEnd : Math.FusedMultiplyAdd(_powers.Length >= lane ? _powers[lane - 1] : 0, end, ownEnd);
            Span<double> minutes = chain.Slice(j * lane, lane);
            var lanesEnd = Vector256.Create(end);
            int k = 0;
            for (; k <= _powers.Length - 4; k += 4)
            {
                Vector256<double> fixedUp = Vector256.FusedMultiplyAdd(Vector256.Create(_powers.AsSpan(k, 4)), lanesEnd,
                                                                       Vector256.Create((ReadOnlySpan<double>)minutes.Slice(k, 4)));
                fixedUp.CopyTo(minutes.Slice(k, 4));
            }
            for (; k < _powers.Length; k++)
            {
                minutes[k] = Math.FusedMultiplyAdd(_powers[k], end, minutes[k]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Step(Vector256<double> rho, Vector256<double> previous, Vector256<double> scale,
                                          ReadOnlySpan<double> innovations, int k) =>
        Vector256.FusedMultiplyAdd(rho, previous, scale * Vector256.Create(innovations.Slice(4 * k, 4)));

    /// <summary>Four steps of the four lanes, transposed so each lane's four minutes land in month order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<double> y0, Vector256<double> y1, Vector256<double> y2, Vector256<double> y3,
                              Span<double> chain, int k0, int lane)
    {
        if (Avx.IsSupported)
        {
            Vector256<double> t0 = Avx.UnpackLow(y0, y1), t1 = Avx.UnpackHigh(y0, y1);
            Vector256<double> t2 = Avx.UnpackLow(y2, y3), t3 = Avx.UnpackHigh(y2, y3);
            Avx.Permute2x128(t0, t2, 0x20).CopyTo(chain.Slice(k0, 4));
            Avx.Permute2x128(t1, t3, 0x20).CopyTo(chain.Slice(lane + k0, 4));
            Avx.Permute2x128(t0, t2, 0x31).CopyTo(chain.Slice(2 * lane + k0, 4));
            Avx.Permute2x128(t1, t3, 0x31).CopyTo(chain.Slice(3 * lane + k0, 4));
            return;
        }
        for (int j = 0; j < 4; j++)
        {
            Span<double> minutes = chain.Slice(j * lane + k0, 4);
            minutes[0] = y0.GetElement(j);
            minutes[1] = y1.GetElement(j);
            minutes[2] = y2.GetElement(j);
            minutes[3] = y3.GetElement(j);
        }
    }
}
