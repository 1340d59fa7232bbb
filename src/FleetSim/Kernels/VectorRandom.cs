using System.Numerics;
using System.Runtime.CompilerServices;

namespace FleetSim.Kernels;

/// <summary>
/// A xoshiro256** generator run as <see cref="Vector{T}.Count"/> independent lanes at once, for
/// filling whole months of uniforms quickly. Each lane is seeded by SplitMix64 from one seed, so a
/// seed gives the same numbers on every machine with the same vector width; it is a
/// <see cref="Random"/>, so MathNet's distributions can draw from it too. Tested against MathNet.
/// </summary>
public sealed class VectorRandom : Random
{
    private Vector<ulong> _s0, _s1, _s2, _s3;
    private readonly double[] _buffer = new double[64];
    private int _next = 64;

    public VectorRandom(ulong seed) => Reseed(seed);

    /// <summary>Starts the streams over from <paramref name="seed"/>, as a new generator would: lets a sweep reuse one.</summary>
    public void Reseed(ulong seed)
    {
        int lanes = Vector<ulong>.Count;
        Span<ulong> s = stackalloc ulong[4 * lanes];
        ulong x = seed;
        for (int i = 0; i < s.Length; i++)
        {
            ulong z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            s[i] = z ^ (z >> 31);
        }
        _s0 = new Vector<ulong>(s);
        _s1 = new Vector<ulong>(s[lanes..]);
        _s2 = new Vector<ulong>(s[(2 * lanes)..]);
        _s3 = new Vector<ulong>(s[(3 * lanes)..]);
        _next = _buffer.Length;
    }

    /// <summary>
    /// Fills <paramref name="values"/> with uniforms in [0, 1), a vector of lanes per step: the top 52
    /// bits of each draw become the mantissa of a double in [1, 2), less 1 (bit moves only, no
    /// integer-to-double conversion, which AVX2 lacks for 64-bit lanes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first run: no slow tier-0 months
    public void FillUniform(Span<double> values)
    {
        int w = Vector<ulong>.Count, i = 0;
        // The state lives in locals for the loop so the JIT keeps it in registers.
        Vector<ulong> s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        Span<double> last = stackalloc double[w];
        for (; i < values.Length; i += w)
        {
            // xoshiro256**: result = rotl(s1 · 5, 7) · 9
            Vector<ulong> result = Next(ref s0, ref s1, ref s2, ref s3);
            if (i <= values.Length - w)
            {
                ToUnit(result).CopyTo(values[i..]);
            }
            else
            {
                ToUnit(result).CopyTo(last);
                last[..(values.Length - i)].CopyTo(values[i..]);
            }
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// Fills <paramref name="normals"/> with N(0, 1) draws in one pass: each step draws a vector of
    /// u1 and one of u2 in registers and hands them to <see cref="NormalBatch"/>'s Box-Muller
    /// transform, instead of passing month-long arrays of uniforms through memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first run: no slow tier-0 months
    public void FillNormals(Span<double> normals)
    {
        int w = Vector<ulong>.Count;
        int half = (normals.Length + 1) / 2;
        Vector<ulong> s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (int i = 0; i < half; i += w)
        {
            Vector<double> u1 = ToUnit(Next(ref s0, ref s1, ref s2, ref s3));
            Vector<double> u2 = ToUnit(Next(ref s0, ref s1, ref s2, ref s3));
            NormalBatch.Transform(u1, u2, normals, i);
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>One xoshiro256** step of every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ulong> Next(ref Vector<ulong> s0, ref Vector<ulong> s1, ref Vector<ulong> s2, ref Vector<ulong> s3)
    {
        Vector<ulong> five = (s1 << 2) + s1;
        Vector<ulong> result = (five << 7) | (five >> 57);
        result = (result << 3) + result;
        Vector<ulong> t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 45) | (s3 >> 19);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ToUnit(Vector<ulong> bits) =>
        Vector.AsVectorDouble((bits >> 12) | new Vector<ulong>(0x3FF0000000000000UL)) - Vector<double>.One;

    public override double NextDouble()
    {
        if (_next == _buffer.Length)
        {
            FillUniform(_buffer);
            _next = 0;
        }
        return _buffer[_next++];
    }

    protected override double Sample() => NextDouble();

    public override int Next() => (int)(NextDouble() * int.MaxValue);

    public override int Next(int maxValue) => (int)(NextDouble() * maxValue);

    public override int Next(int minValue, int maxValue) => minValue + (int)(NextDouble() * ((long)maxValue - minValue));
}
