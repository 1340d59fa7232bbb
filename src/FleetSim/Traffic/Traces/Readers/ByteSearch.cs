using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// The byte searches the line reader runs over every byte of a trace, 32 bytes at a time. Written here,
/// fully optimized from their first call, rather than calling the runtime's span searches, which a short
/// process runs for its first few hundred milliseconds in their slower precompiled form.
/// </summary>
internal static class ByteSearch
{
    /// <summary>The index of the first <paramref name="value"/> in <paramref name="bytes"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int IndexOf(ReadOnlySpan<byte> bytes, byte value)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var wanted = Vector256.Create(value);
            for (; i + 32 <= bytes.Length; i += 32)
            {
                var found = Vector256.Equals(Vector256.Create(bytes.Slice(i, 32)), wanted).ExtractMostSignificantBits();
                if (found != 0) return i + BitOperations.TrailingZeroCount(found);
            }
        }
        for (; i < bytes.Length; i++)
        {
            if (bytes[i] == value) return i;
        }
        return -1;
    }

    /// <summary>How many times <paramref name="value"/> occurs in <paramref name="bytes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Count(ReadOnlySpan<byte> bytes, byte value)
    {
        var i = 0;
        var count = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var wanted = Vector256.Create(value);
            for (; i + 32 <= bytes.Length; i += 32)
                count += BitOperations.PopCount(Vector256.Equals(Vector256.Create(bytes.Slice(i, 32)), wanted).ExtractMostSignificantBits());
        }
        for (; i < bytes.Length; i++)
        {
            if (bytes[i] == value) count++;
        }
        return count;
    }
}
