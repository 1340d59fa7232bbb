using System.Numerics.Tensors;

namespace FleetSim.Kernels;

/// <summary>
/// Standard normal numbers in bulk: uniforms from the run's generator (MathNet's xoshiro256**),
/// turned into normals by the Box-Muller transform as whole-span SIMD operations
/// (<see cref="TensorPrimitives"/>). Tested against MathNet's normal distribution.
/// </summary>
public static class NormalBatch
{
    /// <summary>Fills <paramref name="normals"/> with N(0, 1) draws; <paramref name="scratch"/> must be as long.</summary>
    public static void Fill(Random random, Span<double> normals, Span<double> scratch)
    {
        int n = normals.Length;
        if (scratch.Length < n)
        {
            throw new ArgumentException("scratch must be at least as long as normals", nameof(scratch));
        }
        int half = (n + 1) / 2;
        Span<double> u1 = scratch[..half];
        Span<double> u2 = scratch.Slice(half, Math.Min(half, scratch.Length - half));
        if (u2.Length < half)
        {
            throw new ArgumentException("scratch must hold two halves", nameof(scratch));
        }
        for (int i = 0; i < half; i++)
        {
            u1[i] = 1.0 - random.NextDouble(); // (0, 1]: log is finite
            u2[i] = random.NextDouble();
        }
        // radius = sqrt(-2 ln u1); angle = 2π u2; z0 = r cos θ, z1 = r sin θ
        TensorPrimitives.Log(u1, u1);
        TensorPrimitives.Multiply(u1, -2.0, u1);
        TensorPrimitives.Sqrt(u1, u1);
        TensorPrimitives.Multiply(u2, 2 * Math.PI, u2);
        Span<double> first = normals[..half];
        Span<double> second = normals[half..];
        TensorPrimitives.Cos(u2, first);
        TensorPrimitives.Multiply(first, u1, first);
        TensorPrimitives.Sin(u2[..second.Length], second);
        TensorPrimitives.Multiply(second, u1[..second.Length], second);
    }
}
