using System.Numerics;
using System.Runtime.CompilerServices;

namespace FleetSim.Kernels;

/// <summary>
/// exp, log, sin and cos over whole spans of doubles, vectorized with <see cref="Vector{T}"/> and
/// built only from IEEE-exact operations (+, −, ×, ÷, fused multiply-add, floor, bit moves). Every
/// lane is computed the same way whatever the vector width, the span's alignment or the JIT tier,
/// so a seeded Monte Carlo run gives the same bits every time. (TensorPrimitives' transcendental functions are faster to
/// write but may round differently between precompiled and re-jitted code.) Relative error below
/// 1e−14 over the ranges the noise generator uses; tested against Math.
/// </summary>
public static class VectorMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;

    /// <summary>2^52 + 2^51: adding it to a whole double below 2^51 leaves the integer in the low mantissa bits.</summary>
    private const double Magic = 6755399441055744.0;

    /// <summary>A whole-valued double (|k| &lt; 2^51) as a long, by bit moves (AVX2 has no 64-bit conversion).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> ToInt64(Vector<double> whole) =>
        Vector.AsVectorInt64(whole + new Vector<double>(Magic)) - Vector.AsVectorInt64(new Vector<double>(Magic));

    /// <summary>A long (|k| &lt; 2^51) as a double, by bit moves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ToDouble(Vector<long> k) =>
        Vector.AsVectorDouble(k + Vector.AsVectorInt64(new Vector<double>(Magic))) - new Vector<double>(Magic);

    /// <summary>destination[i] = e^source[i], for |source| below 700.</summary>
    public static void Exp(ReadOnlySpan<double> source, Span<double> destination)
    {
        int w = Vector<double>.Count, i = 0;
        for (; i <= source.Length - w; i += w)
        {
            Exp(new Vector<double>(source[i..])).CopyTo(destination[i..]);
        }
        for (; i < source.Length; i++)
        {
            destination[i] = Exp(new Vector<double>(source[i]))[0];
        }
    }

    /// <summary>destination[i] = ln source[i], for positive normal numbers.</summary>
    public static void Log(ReadOnlySpan<double> source, Span<double> destination)
    {
        int w = Vector<double>.Count, i = 0;
        for (; i <= source.Length - w; i += w)
        {
            Log(new Vector<double>(source[i..])).CopyTo(destination[i..]);
        }
        for (; i < source.Length; i++)
        {
            destination[i] = Log(new Vector<double>(source[i]))[0];
        }
    }

    /// <summary>sin and cos of 2π·turns[i], for turns in [0, 1].</summary>
    public static void SinCosOfTurns(ReadOnlySpan<double> turns, Span<double> sin, Span<double> cos)
    {
        int w = Vector<double>.Count, i = 0;
        for (; i <= turns.Length - w; i += w)
        {
            SinCosOfTurns(new Vector<double>(turns[i..]), out Vector<double> s, out Vector<double> c);
            s.CopyTo(sin[i..]);
            c.CopyTo(cos[i..]);
        }
        for (; i < turns.Length; i++)
        {
            SinCosOfTurns(new Vector<double>(turns[i]), out Vector<double> s, out Vector<double> c);
            sin[i] = s[0];
            cos[i] = c[0];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> x)
    {
        // x = k·ln2 + r, |r| ≤ ln2/2; e^x = 2^k · e^r with e^r by its Taylor series to r^13.
        Vector<double> k = Vector.Floor(x * new Vector<double>(InvLn2) + new Vector<double>(0.5));
        Vector<double> r = x - k * new Vector<double>(Ln2Hi) - k * new Vector<double>(Ln2Lo);
        // e^r to r^13 (error below 1e−15 for |r| ≤ ln2/2), evaluated in Estrin's scheme: short
        // independent chains instead of one long Horner chain.
        Vector<double> r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
        Vector<double> a01 = Vector<double>.One + r;
        Vector<double> a23 = Vector.FusedMultiplyAdd(r, new Vector<double>(1.0 / 6), new Vector<double>(1.0 / 2));
        Vector<double> a45 = Vector.FusedMultiplyAdd(r, new Vector<double>(1.0 / 120), new Vector<double>(1.0 / 24));
        Vector<double> a67 = Vector.FusedMultiplyAdd(r, new Vector<double>(1.0 / 5040), new Vector<double>(1.0 / 720));
        Vector<double> a89 = Vector.FusedMultiplyAdd(r, new Vector<double>(1.0 / 362880), new Vector<double>(1.0 / 40320));
        Vector<double> a1011 = Vector.FusedMultiplyAdd(r, new Vector<double>(1.0 / 39916800), new Vector<double>(1.0 / 3628800));
        Vector<double> a1213 = Vector.FusedMultiplyAdd(r, new Vector<double>(1.0 / 6227020800), new Vector<double>(1.0 / 479001600));
        Vector<double> low = Vector.FusedMultiplyAdd(r4, Vector.FusedMultiplyAdd(r2, a67, a45), Vector.FusedMultiplyAdd(r2, a23, a01));
        Vector<double> high = Vector.FusedMultiplyAdd(r4, a1213, Vector.FusedMultiplyAdd(r2, a1011, a89));
        Vector<double> p = Vector.FusedMultiplyAdd(r8, high, low);
        Vector<long> exponent = (ToInt64(k) + new Vector<long>(1023)) << 52;
        return p * Vector.AsVectorDouble(exponent);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Log(Vector<double> x)
    {
        // x = m·2^e with m in [√½, √2); ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172.
        Vector<long> bits = Vector.AsVectorInt64(x);
        Vector<long> e = ((bits >> 52) & new Vector<long>(0x7FF)) - new Vector<long>(1023);
        Vector<double> m = Vector.AsVectorDouble((bits & new Vector<long>(0x000FFFFFFFFFFFFFL)) | new Vector<long>(0x3FF0000000000000L));
        Vector<long> big = Vector.GreaterThan(m, new Vector<double>(Math.Sqrt(2)));
        m = Vector.ConditionalSelect(big, m * new Vector<double>(0.5), m);
        e = Vector.ConditionalSelect(big, e + Vector<long>.One, e);
        Vector<double> s = (m - Vector<double>.One) / (m + Vector<double>.One);
        Vector<double> s2 = s * s;
        Vector<double> p = new(1.0 / 23);
        p = Vector.FusedMultiplyAdd(p, s2, new Vector<double>(1.0 / 21));
        p = Vector.FusedMultiplyAdd(p, s2, new Vector<double>(1.0 / 19));
        p = Vector.FusedMultiplyAdd(p, s2, new Vector<double>(1.0 / 17));
        p = Vector.FusedMultiplyAdd(p, s2, new Vector<double>(1.0 / 15));
        p = Vector.FusedMultiplyAdd(p, s2, new Vector<double>(1.0 / 13));
        p = Vector.FusedMultiplyAdd(p, s2, new Vector<double>(1.0 / 11));
        p = Vector.FusedMultiplyAdd(p, s2, new Vector<double>(1.0 / 9));
        p = Vector.FusedMultiplyAdd(p, s2, new Vector<double>(1.0 / 7));
        p = Vector.FusedMultiplyAdd(p, s2, new Vector<double>(1.0 / 5));
        p = Vector.FusedMultiplyAdd(p, s2, new Vector<double>(1.0 / 3));
        p = Vector.FusedMultiplyAdd(p, s2, Vector<double>.One);
        Vector<double> lnM = new Vector<double>(2.0) * s * p;
        Vector<double> ef = ToDouble(e);
        return ef * new Vector<double>(Ln2Hi) + (ef * new Vector<double>(Ln2Lo) + lnM);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosOfTurns(Vector<double> turns, out Vector<double> sin, out Vector<double> cos)
    {
        // Quarter turns: t = q/4 + f with |f| ≤ 1/8, x = 2πf in [−π/4, π/4]; then rotate by q.
        Vector<double> q = Vector.Floor(turns * new Vector<double>(4) + new Vector<double>(0.5));
        Vector<double> x = (turns - q * new Vector<double>(0.25)) * new Vector<double>(2 * Math.PI);
        Vector<double> x2 = x * x;
        Vector<double> ps = new(-1.0 / 1307674368000.0);
        ps = Vector.FusedMultiplyAdd(ps, x2, new Vector<double>(1.0 / 6227020800.0));
        ps = Vector.FusedMultiplyAdd(ps, x2, new Vector<double>(-1.0 / 39916800.0));
        ps = Vector.FusedMultiplyAdd(ps, x2, new Vector<double>(1.0 / 362880.0));
        ps = Vector.FusedMultiplyAdd(ps, x2, new Vector<double>(-1.0 / 5040.0));
        ps = Vector.FusedMultiplyAdd(ps, x2, new Vector<double>(1.0 / 120.0));
        ps = Vector.FusedMultiplyAdd(ps, x2, new Vector<double>(-1.0 / 6.0));
        ps = Vector.FusedMultiplyAdd(ps, x2, Vector<double>.One);
        Vector<double> s = ps * x;
        Vector<double> pc = new(1.0 / 20922789888000.0);
        pc = Vector.FusedMultiplyAdd(pc, x2, new Vector<double>(-1.0 / 87178291200.0));
        pc = Vector.FusedMultiplyAdd(pc, x2, new Vector<double>(1.0 / 479001600.0));
        pc = Vector.FusedMultiplyAdd(pc, x2, new Vector<double>(-1.0 / 3628800.0));
        pc = Vector.FusedMultiplyAdd(pc, x2, new Vector<double>(1.0 / 40320.0));
        pc = Vector.FusedMultiplyAdd(pc, x2, new Vector<double>(-1.0 / 720.0));
        pc = Vector.FusedMultiplyAdd(pc, x2, new Vector<double>(1.0 / 24.0));
        pc = Vector.FusedMultiplyAdd(pc, x2, new Vector<double>(-0.5));
        pc = Vector.FusedMultiplyAdd(pc, x2, Vector<double>.One);
        Vector<double> c = pc;
        Vector<long> quadrant = ToInt64(q) & new Vector<long>(3);
        Vector<long> q1 = Vector.Equals(quadrant, Vector<long>.One);
        Vector<long> q2 = Vector.Equals(quadrant, new Vector<long>(2));
        Vector<long> q3 = Vector.Equals(quadrant, new Vector<long>(3));
        // q=0: (s, c); q=1: (c, −s); q=2: (−s, −c); q=3: (−c, s)
        sin = Vector.ConditionalSelect(q1, c, Vector.ConditionalSelect(q2, -s, Vector.ConditionalSelect(q3, -c, s)));
        cos = Vector.ConditionalSelect(q1, -s, Vector.ConditionalSelect(q2, -c, Vector.ConditionalSelect(q3, s, c)));
    }
}
