namespace FleetSim.Scenario;

/// <summary>
/// A replica's measured throughput as it fills: R(n), the processed tok/s of the whole replica with
/// n requests in flight, from benchmark points (n, tok/s) joined by straight lines, with R(0) = 0.
/// The requests in flight share R(n) equally (processor sharing), so a lone request runs at R(1)
/// and each of n at R(n)/n.
/// </summary>
/// <remarks>
/// A replica given only <c>processed_tokens_per_second</c> R at <c>max_in_flight</c> c has the
/// straight line R(n) = n·R/c (<see cref="Proportional"/>): every request runs at R/c whatever the
/// load, which is the slot model of <see cref="Routing.ServiceTime"/>. A measured curve is concave:
/// one request alone gets far more than 1/c of the batch's throughput (vLLM and SGLang batch
/// decode steps, so a step's time grows slowly with the batch).
/// </remarks>
public sealed class ThroughputCurve
{
    private readonly double[] _rates;

    private ThroughputCurve(double[] rates, IReadOnlyList<(int InFlight, double TokensPerSecond)> points)
    {
        _rates = rates;
        Points = points;
    }

    /// <summary>The benchmark points as given: in flight (ascending, from 1) and processed tok/s.</summary>
    public IReadOnlyList<(int InFlight, double TokensPerSecond)> Points { get; }

    /// <summary>c, the most requests in flight the curve is used for.</summary>
    public int MaxInFlight => _rates.Length - 1;

    /// <summary>Processed tok/s of the whole replica with <paramref name="inFlight"/> (0 … c) requests in flight.</summary>
    public double At(int inFlight) => _rates[inFlight];

    /// <summary>R(0), R(1), …, R(c).</summary>
    public ReadOnlySpan<double> Rates => _rates;

    /// <summary>Whether every R(n) is n·R(c)/c to rounding: the slot model, for which the closed forms and engines need no curve.</summary>
    public bool IsProportional
    {
        get
        {
            double perRequest = _rates[^1] / MaxInFlight;
            for (int n = 1; n < _rates.Length; n++)
            {
                if (Math.Abs(_rates[n] - n * perRequest) > 1e-12 * _rates[^1])
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>
    /// R′(n) = <paramref name="factor"/>·R(n·c/c′) for n = 1 … c′ = <paramref name="maxInFlight"/>,
    /// R read between its integer points by straight lines: the same curve, its throughput scaled and
    /// its batch stretched to a new max in flight.
    /// </summary>
    public ThroughputCurve Stretched(double factor, int maxInFlight)
    {
        var points = new (int, double)[maxInFlight];
        for (int n = 1; n <= maxInFlight; n++)
        {
            double x = (double)n * MaxInFlight / maxInFlight;
            int below = Math.Min((int)Math.Floor(x), MaxInFlight - 1);
            double r = _rates[below] + (_rates[below + 1] - _rates[below]) * (x - below);
            points[n - 1] = (n, factor * r);
        }
        return Of(points, maxInFlight);
    }

    /// <summary>
    /// The same curve for a replica admitting at most <paramref name="maxInFlight"/> (1 … c) requests:
    /// R(n) unchanged for n up to it, the given points below it and (n, R(n)) as its last point.
    /// </summary>
    public ThroughputCurve Truncated(int maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxInFlight, MaxInFlight);
        return Of([.. Points.Where(p => p.InFlight < maxInFlight), (maxInFlight, _rates[maxInFlight])], maxInFlight);
    }

    /// <summary>The straight line to (<paramref name="maxInFlight"/>, <paramref name="tokensPerSecond"/>): today's replica.</summary>
    public static ThroughputCurve Proportional(double tokensPerSecond, int maxInFlight) =>
        Of([(maxInFlight, tokensPerSecond)], maxInFlight);

    /// <summary>
    /// The curve through <paramref name="points"/>, read at 0 … <paramref name="maxInFlight"/> in flight.
    /// </summary>
    /// <param name="points">At least one point; in flight strictly ascending from 1, tok/s positive
    /// and non-decreasing (a replica that does less with more in flight should have its max_in_flight
    /// at its peak); the last point at or past <paramref name="maxInFlight"/>.</param>
    /// <param name="maxInFlight">c ≥ 1.</param>
    /// <exception cref="ArgumentException">The points break a rule above; the message says which, in the scenario's words.</exception>
    public static ThroughputCurve Of(IReadOnlyList<(int InFlight, double TokensPerSecond)> points, int maxInFlight)
    {
        if (points.Count == 0)
        {
            throw new ArgumentException("needs at least one [in_flight, processed_tokens_per_second] point");
        }
        for (int i = 0; i < points.Count; i++)
        {
            var (n, r) = points[i];
            if (n < 1)
            {
                throw new ArgumentException($"point {i + 1}: in flight must be at least 1 (got {n}); R(0) = 0 is implied");
            }
            if (!(r > 0) || !double.IsFinite(r))
            {
                throw new ArgumentException($"point {i + 1}: processed tok/s must be positive (got {r})");
            }
            if (i > 0 && n <= points[i - 1].InFlight)
            {
                throw new ArgumentException($"point {i + 1}: in flight must rise from point to point ({points[i - 1].InFlight} then {n})");
            }
            if (i > 0 && r < points[i - 1].TokensPerSecond)
            {
                throw new ArgumentException(
                    $"point {i + 1}: throughput falls from {points[i - 1].TokensPerSecond:G6} tok/s at {points[i - 1].InFlight} in flight to {r:G6} at {n}; " +
                    $"set max_in_flight at the peak and end the curve there");
            }
        }
        if (points[^1].InFlight < maxInFlight)
        {
            throw new ArgumentException($"ends at {points[^1].InFlight} in flight, short of max_in_flight {maxInFlight}: measure up to it, or lower max_in_flight");
        }
        var rates = new double[maxInFlight + 1];
        int k = 0; // the first point at or past n
        for (int n = 1; n <= maxInFlight; n++)
        {
            while (points[k].InFlight < n)
            {
                k++;
            }
            var (n1, r1) = points[k];
            var (n0, r0) = k == 0 ? (0, 0.0) : points[k - 1];
            rates[n] = n == n1 ? r1 : r0 + (r1 - r0) * (n - n0) / (n1 - n0);
        }
        return new ThroughputCurve(rates, points);
    }
}
