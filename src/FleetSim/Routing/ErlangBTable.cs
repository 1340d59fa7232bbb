using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FleetSim.Routing;

/// <summary>
/// Erlang B for one slot count as a table over the offered load, for the minute kernels: a month
/// asks for B at 43,800 loads, and the series behind <see cref="ErlangB.Loss"/> costs up to N terms
/// each, while a table costs one polynomial.
/// </summary>
/// <remarks>
/// Between nodes h = √N/20 erlangs apart, B is the quintic Hermite interpolant of B, B′ and B″ at
/// the two ends, where B′ = B·(N/A − 1 + B) and B″ follows by differentiating that. The error falls
/// as h⁶; with this spacing it is below 1e−12 in absolute terms from 16 to 4,096 slots (tested),
/// far below a cent on any bill. Each interval keeps its six polynomial coefficients in one cache
/// line; a month's loads touch a band of a few hundred of them. The table reaches 8N + 100 erlangs,
/// eight times overloaded (a static fleet under bursts gets there); past that the series, which
/// converges in a few terms so far above the slots, takes over. Tables are built once per slot
/// count and shared by every thread.
/// </remarks>
public sealed class ErlangBTable
{
    /// <summary>Slot counts served by a table; below this the series is a handful of terms anyway.</summary>
    public const int MinSlots = 16;

    /// <summary>Above this a table would be large and slow to build; the vector series takes over.</summary>
    public const int MaxSlots = 4_096;

    private const int Stride = 8; // six coefficients and two pad doubles: one 64-byte cache line

    // Built on first use, one per slot count, and found again with one array load (a schedule month
    // asks 730 times). Two threads racing to build one keep whichever landed first; both are equal.
    private static readonly ErlangBTable?[] Tables = new ErlangBTable?[MaxSlots + 1];

    private readonly double[] _coefficients;
    private readonly double _nodesPerErlang;

    private ErlangBTable(int slots)
    {
        Slots = slots;
        double step = Math.Sqrt(slots) / 20;
        int intervals = (int)Math.Ceiling((8.0 * slots + 100) / step);
        _nodesPerErlang = 1 / step;
        MaxErlangs = intervals * step;
        var b = new double[intervals + 1];
        var d1 = new double[intervals + 1];
        var d2 = new double[intervals + 1];
        for (int i = 1; i <= intervals; i++)
        {
            double a = i * step;
            double loss = ErlangB.Loss(slots, a);
            double g = slots / a - 1 + loss; // B′ = B·g
            b[i] = loss;
            d1[i] = loss * g;
            d2[i] = d1[i] * g + loss * (-slots / (a * a) + d1[i]);
        }
        // At no load B and both derivatives are 0 for N ≥ 3 (B ≈ Aᴺ/N!).
        _coefficients = new double[intervals * Stride];
        for (int i = 0; i < intervals; i++)
        {
            double p0 = b[i], p1 = b[i + 1];
            double v0 = d1[i] * step, v1 = d1[i + 1] * step;
            double a0 = d2[i] * step * step, a1 = d2[i + 1] * step * step;
            Span<double> c = _coefficients.AsSpan(i * Stride, 6);
            c[0] = p0;
            c[1] = v0;
            c[2] = 0.5 * a0;
            c[3] = 10 * (p1 - p0) - 6 * v0 - 4 * v1 - 1.5 * a0 + 0.5 * a1;
            c[4] = 15 * (p0 - p1) + 8 * v0 + 7 * v1 + 1.5 * a0 - a1;
            c[5] = 6 * (p1 - p0) - 3 * (v0 + v1) - 0.5 * a0 + 0.5 * a1;
        }
    }

    public int Slots { get; }

    /// <summary>The table covers offered loads in [0, MaxErlangs); beyond, <see cref="Loss"/> runs the series.</summary>
    public double MaxErlangs { get; }

    /// <summary>The shared table for <paramref name="slots"/>, or null outside [<see cref="MinSlots"/>, <see cref="MaxSlots"/>].</summary>
    public static ErlangBTable? For(int slots)
    {
        if (slots is < MinSlots or > MaxSlots)
        {
            return null;
        }
        ErlangBTable? table = Volatile.Read(ref Tables[slots]);
        if (table is null)
        {
            table = new ErlangBTable(slots);
            table = Interlocked.CompareExchange(ref Tables[slots], table, null) ?? table;
        }
        return table;
    }

    /// <summary>B(N, A), from the table inside its range and from the series past it.</summary>
    public double Loss(double erlangs)
    {
        double x = erlangs * _nodesPerErlang;
        if (!(x >= 0 && x < _coefficients.Length / Stride))
        {
            return ErlangB.Loss(Slots, erlangs);
        }
        int i = (int)x;
        return Math.Max(0, Polynomial(_coefficients.AsSpan(i * Stride, 6), x - i));
    }

    /// <summary>
    /// served = demand·(1 − B) in every minute, capped at the slots' capacity, as the spill kernel
    /// defines it. Four minutes at a time: with AVX and FMA their four intervals' coefficients are
    /// loaded and transposed into vectors and the polynomials run side by side; without, the same
    /// arithmetic runs minute by minute, so both give the same bits. Minute m of the whole groups of
    /// four adds to partial sum m mod 4 either way, the last length mod 4 minutes to the first, and
    /// the four partials are added in one fixed order.
    /// </summary>
    /// <returns>The sum of <paramref name="served"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first run: no slow tier-0 months
    public double Serve(ReadOnlySpan<double> demand, double erlangsPerTokenPerSecond, Span<double> served)
    {
        if (served.Length < demand.Length)
        {
            throw new ArgumentException($"served holds {served.Length} minutes, demand {demand.Length}", nameof(served));
        }
        double capacity = Slots / erlangsPerTokenPerSecond;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int m = 0;
        if (Avx.IsSupported && Fma.IsSupported && demand.Length >= 4)
        {
            Vector256<double> sums = ServeVectorized(demand, erlangsPerTokenPerSecond, capacity, served, out m);
            (s0, s1, s2, s3) = (sums.GetElement(0), sums.GetElement(1), sums.GetElement(2), sums.GetElement(3));
        }
        for (; m <= demand.Length - 4; m += 4)
        {
            s0 += served[m] = Serve(demand[m], erlangsPerTokenPerSecond, capacity);
            s1 += served[m + 1] = Serve(demand[m + 1], erlangsPerTokenPerSecond, capacity);
            s2 += served[m + 2] = Serve(demand[m + 2], erlangsPerTokenPerSecond, capacity);
            s3 += served[m + 3] = Serve(demand[m + 3], erlangsPerTokenPerSecond, capacity);
        }
        for (; m < demand.Length; m++)
        {
            s0 += served[m] = Serve(demand[m], erlangsPerTokenPerSecond, capacity);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>The whole groups of four minutes; <paramref name="done"/> is where the scalar tail starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<double> ServeVectorized(ReadOnlySpan<double> demand, double erlangsPerTokenPerSecond, double capacity,
                                              Span<double> served, out int done)
    {
        ref double table = ref MemoryMarshal.GetArrayDataReference(_coefficients);
        var k = Vector256.Create(erlangsPerTokenPerSecond);
        var scale = Vector256.Create(_nodesPerErlang);
        var cap = Vector256.Create(capacity);
        var intervals = Vector256.Create((double)(_coefficients.Length / Stride));
        Vector256<double> sums = Vector256<double>.Zero;
        int m = 0;
        for (; m <= demand.Length - 4; m += 4)
        {
            Vector256<double> d = Vector256.Create(demand.Slice(m, 4));
            Vector256<double> x = d * k * scale;
            Vector256<double> s;
            if (Vector256.LessThanAll(x, intervals) && Vector256.GreaterThanOrEqualAll(x, Vector256<double>.Zero))
            {
                Vector128<int> i = Avx.ConvertToVector128Int32WithTruncation(x);
                Vector256<double> t = x - Avx.ConvertToVector256Double(i);
                ref double r0 = ref Unsafe.Add(ref table, i.GetElement(0) * Stride);
                ref double r1 = ref Unsafe.Add(ref table, i.GetElement(1) * Stride);
                ref double r2 = ref Unsafe.Add(ref table, i.GetElement(2) * Stride);
                ref double r3 = ref Unsafe.Add(ref table, i.GetElement(3) * Stride);
                // Coefficient pairs (c0,c1), (c2,c3), (c4,c5) of minutes 0 and 2 beside 1 and 3,
                // interleaved into one vector per coefficient.
                Pair(ref r0, ref r1, ref r2, ref r3, 0, out Vector256<double> c0, out Vector256<double> c1);
                Pair(ref r0, ref r1, ref r2, ref r3, 2, out Vector256<double> c2, out Vector256<double> c3);
                Pair(ref r0, ref r1, ref r2, ref r3, 4, out Vector256<double> c4, out Vector256<double> c5);
                Vector256<double> p = Fma.MultiplyAdd(c5, t, c4);
                p = Fma.MultiplyAdd(p, t, c3);
                p = Fma.MultiplyAdd(p, t, c2);
                p = Fma.MultiplyAdd(p, t, c1);
                p = Fma.MultiplyAdd(p, t, c0);
                Vector256<double> loss = Vector256.Max(p, Vector256<double>.Zero);
                s = Vector256.Min(d - d * loss, cap);
            }
            else
            {
                s = Vector256.Create(Serve(demand[m], erlangsPerTokenPerSecond, capacity), Serve(demand[m + 1], erlangsPerTokenPerSecond, capacity),
                                     Serve(demand[m + 2], erlangsPerTokenPerSecond, capacity), Serve(demand[m + 3], erlangsPerTokenPerSecond, capacity));
            }
            s.CopyTo(served.Slice(m, 4));
            sums += s;
        }
        done = m;
        return sums;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair(ref double r0, ref double r1, ref double r2, ref double r3, int offset,
                             out Vector256<double> even, out Vector256<double> odd)
    {
        var from02 = Vector256.Create(Vector128.LoadUnsafe(ref r0, (nuint)offset), Vector128.LoadUnsafe(ref r2, (nuint)offset));
        var from13 = Vector256.Create(Vector128.LoadUnsafe(ref r1, (nuint)offset), Vector128.LoadUnsafe(ref r3, (nuint)offset));
        even = Avx.UnpackLow(from02, from13);
        odd = Avx.UnpackHigh(from02, from13);
    }

    private double Serve(double demand, double erlangsPerTokenPerSecond, double capacity) =>
        Math.Min(demand - demand * Loss(demand * erlangsPerTokenPerSecond), capacity);

    private static double Polynomial(ReadOnlySpan<double> c, double t) =>
        Math.FusedMultiplyAdd(
            Math.FusedMultiplyAdd(
                Math.FusedMultiplyAdd(
                    Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(c[5], t, c[4]), t, c[3]),
                    t, c[2]),
                t, c[1]),
            t, c[0]);
}
