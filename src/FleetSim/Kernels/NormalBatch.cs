using System.Numerics.Tensors;

namespace FleetSim.Kernels;

/// <summary>
/// Standard normal numbers in bulk by the Box-Muller transform: a <see cref="VectorRandom"/> makes
/// them in one register pass (<see cref="VectorRandom.FillNormals"/>); any other generator's
/// uniforms go through the same transform as whole-span SIMD operations (<see cref="VectorMath"/>
/// for the bit-reproducible log, sin and cos). Tested against MathNet's normal distribution.
/// </summary>
public static class NormalBatch
{
    /// <summary>Fills <paramref name="normals"/> with N(0, 1) draws; <paramref name="scratch"/> must hold 3 × ⌈n/2⌉ numbers.</summary>
    public static void Fill(Random random, Span<double> normals, Span<double> scratch)
    {
        int n = normals.Length;
        int half = (n + 1) / 2;
        if (scratch.Length < 3 * half)
        {
            throw new ArgumentException("scratch must hold 3 × ⌈n/2⌉ numbers", nameof(scratch));
        }
        if (random is VectorRandom fast)
        {
            fast.FillNormals(normals);
            return;
        }
        Span<double> u1 = scratch[..half];
        Span<double> u2 = scratch.Slice(half, half);
        for (int i = 0; i < half; i++)
        {
            u1[i] = random.NextDouble();
            u2[i] = random.NextDouble();
        }
        // (0, 1]: log is finite
        TensorPrimitives.Subtract(1.0, u1, u1);
        // radius = sqrt(−2 ln u1); angle = 2π u2; z0 = r cos θ, z1 = r sin θ
        VectorMath.Log(u1, u1);
        TensorPrimitives.Multiply(u1, -2.0, u1);
        TensorPrimitives.Sqrt(u1, u1);
        Span<double> first = normals[..half];
        Span<double> second = normals[half..];
        Span<double> sin = scratch.Slice(2 * half, half);
        VectorMath.SinCosOfTurns(u2, sin, first);
        TensorPrimitives.Multiply(first, u1, first);
        TensorPrimitives.Multiply(sin[..second.Length], u1[..second.Length], second);
    }
}
