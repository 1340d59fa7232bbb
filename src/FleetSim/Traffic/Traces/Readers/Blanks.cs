using System.Runtime.CompilerServices;

namespace FleetSim.Traffic.Traces;

/// <summary>Spaces and tabs around UTF-8 fields, trimmed by plain loops (the span Trim overloads that take a set search it per byte).</summary>
internal static class Blanks
{
    /// <summary>True for a space or a tab.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBlank(byte c) => c is (byte)' ' or (byte)'\t';

    /// <summary><paramref name="text"/> without leading and trailing spaces and tabs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsBlank(text[start])) start++;
        while (end > start && IsBlank(text[end - 1])) end--;
        return text[start..end];
    }

    /// <summary>True when the record holds nothing but spaces, tabs and line ends.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsEmptyRecord(ReadOnlySpan<byte> record)
    {
        foreach (var c in record)
        {
            if (!IsBlank(c) && c != '\r' && c != '\n') return false;
        }
        return true;
    }
}
