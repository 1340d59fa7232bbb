namespace FleetSim.Traffic.Traces;

/// <summary>
/// Separates a trace's minute-to-minute swings into what its requests' own randomness explains and what
/// is left over (empirical Bayes shrinkage): a trace that samples its traffic sparsely shows large
/// minute-to-minute swings that are only the luck of which requests fell in which minute, and scaling
/// it up must not carry that luck along as if it were traffic.
/// </summary>
/// <remarks>
/// Within each clock hour (block of <see cref="BlockMinutes"/> minutes), minute i's rate rᵢ is the block's mean r̄
/// plus a true swing (variance τ², unknown) plus sampling noise of variance vᵢ = Σ s² / cᵢ² (the sum
/// of its requests' squared sizes over the squared seconds it covers: the variance of a compound
/// Poisson count at that rate). τ² is estimated as the block's sample variance less the mean vᵢ, at
/// least 0, and each minute is shrunk towards the mean by the block's weight τ² / (τ² + v̄): the
/// posterior mean under a normal prior with the block's mean sampling variance v̄ (James–Stein; Morris,
/// "Parametric empirical Bayes inference", JASA 1983). One weight per block keeps the block's mean
/// exactly and every minute between its recorded rate and the mean (so never negative): hourly
/// volumes are unchanged; a densely sampled bursty trace keeps its bursts
/// (vᵢ ≪ τ²); a sparse sample of steady traffic becomes steady (τ² ≈ 0).
/// </remarks>
internal static class SamplingNoise
{
    /// <summary>Minutes per block: an hour, within which the traffic's own level is taken as steady but for its swings.</summary>
    public const int BlockMinutes = 60;

    /// <summary>The shrunk rates, and the share of the minute-to-minute variance about block means that sampling noise explains (0 to 1; NaN when the blocks are flat).</summary>
    /// <param name="rate">tok/s per minute.</param>
    /// <param name="noiseVariance">The sampling variance of each minute's rate, (tok/s)².</param>
    /// <param name="firstBoundary">Minutes before the first clock hour begins (0 to 59): blocks are clock hours, the first one partial.</param>
    public static (double[] Rates, double NoiseShare) Shrink(double[] rate, double[] noiseVariance, int firstBoundary = 0)
    {
        var shrunk = (double[])rate.Clone();
        double noise = 0, total = 0;
        for (int start = 0, end = firstBoundary > 0 ? firstBoundary : BlockMinutes; start < rate.Length; start = end, end += BlockMinutes)
        {
            end = Math.Min(rate.Length, end);
            int k = end - start;
            if (k < 3)
            {
                continue;
            }
            double mean = 0, v = 0;
            for (int i = start; i < end; i++)
            {
                mean += rate[i];
                v += noiseVariance[i];
            }
            mean /= k;
            v /= k;
            double squares = 0;
            for (int i = start; i < end; i++)
            {
                squares += (rate[i] - mean) * (rate[i] - mean);
            }
            if (squares <= 1e-18 * k * mean * mean)
            {
                continue; // flat within the block (an aggregate bucket spread evenly): nothing to separate
            }
            double tau2 = Math.Max(0, squares / (k - 1) - v);
            noise += Math.Min(v * (k - 1), squares);
            total += squares;
            double weight = tau2 + v > 0 ? tau2 / (tau2 + v) : 1;
            for (int i = start; i < end; i++)
            {
                shrunk[i] = mean + weight * (rate[i] - mean);
            }
        }
        return (shrunk, total > 0 ? noise / total : double.NaN);
    }
}
