namespace FleetSim.Traffic;

/// <summary>Percentiles with linear interpolation between order statistics (numpy's default).</summary>
public static class Percentile
{
    /// <summary>The p-th quantile (p from 0 to 1) of the values.</summary>
    public static double Of(ReadOnlySpan<double> values, double p)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("no values", nameof(values));
        }
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, p);
    }

    public static double OfSorted(ReadOnlySpan<double> sorted, double p)
    {
        double rank = Math.Clamp(p, 0, 1) * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
