using System.Numerics;
using System.Runtime.CompilerServices;

namespace FleetSim.Kernels;

/// <summary>
/// Standard normal numbers in bulk by the Box-Muller transform, a vector of pairs at a time: r·cos θ
/// fills the first half of the span and r·sin θ the second (r = √(−2 ln(1 − u1)), θ = 2π·u2), with
/// <see cref="VectorMath"/>'s bit-reproducible log, sin and cos. A <see cref="VectorRandom"/> makes
/// its uniforms in registers (<see cref="VectorRandom.FillNormals"/>); any other generator's are
/// drawn one by one. Tested against MathNet's normal distribution.
/// </summary>
public static class NormalBatch
{
    /// <summary>Fills <paramref name="normals"/> with N(0, 1) draws.</summary>
    public static void Fill(Random random, Span<double> normals)
    {
        if (random is VectorRandom fast)
        {
            fast.FillNormals(normals);
            return;
        }
        int w = Vector<double>.Count, half = (normals.Length + 1) / 2;
        Span<double> uniforms = stackalloc double[2 * w];
        for (int i = 0; i < half; i += w)
        {
            for (int k = 0; k < uniforms.Length; k++)
            {
                uniforms[k] = random.NextDouble();
            }
            Transform(new Vector<double>(uniforms), new Vector<double>(uniforms[w..]), normals, i);
        }
    }

    /// <summary>
    /// Turns a vector of u1 and one of u2 (uniforms in [0, 1)) into normals at <paramref name="at"/>
    /// of both halves of <paramref name="normals"/>; lanes past either half's end are dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transform(Vector<double> u1, Vector<double> u2, Span<double> normals, int at)
    {
        int half = (normals.Length + 1) / 2;
        Vector<double> radius = Vector.SquareRoot(VectorMath.Log(Vector<double>.One - u1) * new Vector<double>(-2.0));
        VectorMath.SinCosOfTurns(u2, out Vector<double> sin, out Vector<double> cos);
        Store(radius * cos, normals[..half], at);
        Store(radius * sin, normals[half..], at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<double> values, Span<double> destination, int at)
    {
        if (at <= destination.Length - Vector<double>.Count)
        {
            values.CopyTo(destination[at..]);
            return;
        }
        for (int lane = 0; at + lane < destination.Length; lane++)
        {
            destination[at + lane] = values[lane];
        }
    }
}
