namespace FleetSim.Routing;

/// <summary>
/// Trunk reservation on a loss system: S slots, classes offering Aᵢ erlangs each, class i admitted only while fewer
/// than Tᵢ = S − rᵢ slots are busy (rᵢ slots it may never take), else lost to the API. Gives each class's blocking.
/// </summary>
/// <remarks>
/// The number of busy slots is a birth–death chain on 0…S: from k it rises at Λ(k) = Σ_{i: k &lt; Tᵢ} λᵢ and falls
/// at k·μ. Admission depends only on k and every class has the same service-time law (one request-size law for all),
/// so the chain's stationary law is insensitive to that law, as for the Erlang loss system with arrival rates that
/// depend on the number in service (Burman, Lehoczky and Lim, J. Appl. Prob. 21, 1984; Kelly, "Loss networks", Ann.
/// Appl. Prob. 1, 1991), and
/// π(k) ∝ Π_{n&lt;k} Λ(n)/(n+1) in erlangs. By PASTA class i is refused with probability Bᵢ = Σ_{k ≥ Tᵢ} π(k). With
/// no reservation every Bᵢ is Erlang B(S, ΣA). Derivation and a hand-solved case: docs/model.md, "Priorities".
/// <para>
/// Computed from the top of the reachable states downwards (w(K) = 1, w(k−1) = w(k)·k/Λ(k−1)), as
/// <see cref="ErlangB.InverseLoss"/> does: every term is positive, nothing cancels. K is the highest Tᵢ of a class
/// with load (states above it are never reached). The sum stops once every Tᵢ has been passed and either the terms
/// fall below 1e−17 of the sum while shrinking, or the sum exceeds 10¹⁷ times the largest blocked mass (every Bᵢ is
/// then below 1e−17 and what is served is unchanged to the last bit, <see cref="ErlangB.ServedUnchangedAbove"/>).
/// Terms are rescaled before they would pass 1e250, so a small top-class load behind a wide reservation cannot overflow.
/// </para>
/// </remarks>
public static class ReservedSlotsLoss
{
    private const double Rescale = 1e250;

    /// <summary>A class's load below this many erlangs is taken as none (its ratio k/Λ could not be represented).</summary>
    public const double NegligibleErlangs = 1e-200;

    /// <summary>
    /// Bᵢ for each class: the stationary probability that an arrival of class i finds at least S − rᵢ slots busy.
    /// </summary>
    /// <param name="slots">S ≥ 0, the fleet's slots (replicas × max_in_flight).</param>
    /// <param name="erlangs">Aᵢ ≥ 0 per class: its offered load (arrival rate × mean service time).</param>
    /// <param name="reserved">rᵢ ≥ 0 per class: slots it may never take (<see cref="Scenario.TrafficClasses.ReservedAbove"/>).</param>
    /// <param name="blocking">
    /// Receives Bᵢ in [0, 1] per class, to about 1e−15 relative (rounding) where every Bᵢ is above 1e−17; once the sum
    /// shows every Bᵢ below 1e−17 it stops, and the values returned are then below 1e−17 but not exact (what is served
    /// is the same to the last bit). A class with rᵢ ≥ S is always refused (1).
    /// </param>
    /// <exception cref="ArgumentException">Spans of different lengths, negative slots, reservations or loads, or NaN.</exception>
    public static void Blocking(int slots, ReadOnlySpan<double> erlangs, ReadOnlySpan<int> reserved, Span<double> blocking)
    {
        int n = erlangs.Length;
        if (reserved.Length != n || blocking.Length < n)
        {
            throw new ArgumentException("one load, one reservation and one blocking slot per class");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        Span<int> threshold = n <= 16 ? stackalloc int[16] : new int[n];
        threshold = threshold[..n];
        int top = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(erlangs[i] >= 0) || reserved[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(erlangs), "loads and reservations must be ≥ 0 (and not NaN)");
            }
            threshold[i] = Threshold(slots, reserved[i]);
            if (erlangs[i] > NegligibleErlangs)
            {
                top = Math.Max(top, threshold[i]);
            }
        }
        if (top == 0)
        {
            // No load reaches the fleet: the chain stays at 0, where only a class with no slot to take is refused.
            for (int i = 0; i < n; i++)
            {
                blocking[i] = threshold[i] == 0 ? 1 : 0;
            }
            return;
        }
        // The classes by threshold, highest first: walking down the states, each joins the arrivals (and has its
        // blocked mass read) when k reaches its threshold, so a step costs a multiply and an add, not a pass over the classes.
        Span<int> order = n <= 16 ? stackalloc int[16] : new int[n];
        order = order[..n];
        for (int i = 0; i < n; i++)
        {
            int j = i;
            while (j > 0 && threshold[order[j - 1]] < threshold[i])
            {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        Span<double> mass = n <= 16 ? stackalloc double[16] : new double[n];
        mass = mass[..n];
        mass.Clear();
        int lowest = threshold[order[n - 1]];
        int next = 0;
        while (next < n && threshold[order[next]] > top)
        {
            next++; // idle classes refused only above the reachable states: blocked mass 0
        }
        double w = 1, sum = 0, arrivals = 0, largest = 0;
        for (int k = top; ; k--)
        {
            sum += w;
            while (next < n && threshold[order[next]] == k)
            {
                int i = order[next++];
                mass[i] = sum; // Σ w over the states ≥ Tᵢ, all now added
                largest = sum;
                if (erlangs[i] > NegligibleErlangs)
                {
                    arrivals += erlangs[i]; // admitted from every state below Tᵢ
                }
            }
            if (k == 0)
            {
                break;
            }
            double ratio = k / arrivals;
            if (k <= lowest && (sum > ErlangB.ServedUnchangedAbove * largest || (ratio < 1 && w * ratio < ErlangB.NegligibleTerm * sum)))
            {
                break;
            }
            if (w > Rescale / ratio)
            {
                // Measure everything in units of the current term, so the next one is the ratio itself.
                double unit = w;
                w = 1;
                sum /= unit;
                largest /= unit;
                for (int i = 0; i < n; i++)
                {
                    mass[i] /= unit;
                }
            }
            w *= ratio;
        }
        for (int i = 0; i < n; i++)
        {
            blocking[i] = threshold[i] > top ? 0 : mass[i] / sum;
        }
    }

    /// <summary>
    /// Serves a span of minutes of interactive demand split among classes by fixed shares, each minute taken as
    /// stationary (as the spill kernel takes Erlang B a minute): servedᵢ(t) = D(t)·shareᵢ·(1 − Bᵢ(t)).
    /// </summary>
    /// <param name="demand">Interactive tok/s by minute.</param>
    /// <param name="shares">Each class's part of <paramref name="demand"/>, summing to 1.</param>
    /// <param name="reserved">rᵢ per class.</param>
    /// <param name="slots">S.</param>
    /// <param name="erlangsPerTokenPerSecond">c/R: offered erlangs per tok/s (<see cref="ServiceTime"/>).</param>
    /// <param name="served">Receives the tok/s served each minute, all classes together.</param>
    /// <param name="servedByClass">Receives each class's tok/s served, summed over the minutes (add ×60 for tokens).</param>
    /// <returns>The sum of <paramref name="served"/> over the span.</returns>
    public static double ServeSpan(ReadOnlySpan<double> demand, ReadOnlySpan<double> shares, ReadOnlySpan<int> reserved, int slots,
                                   double erlangsPerTokenPerSecond, Span<double> served, Span<double> servedByClass)
    {
        int n = shares.Length;
        Span<double> erlangs = n <= 16 ? stackalloc double[16] : new double[n];
        Span<double> blocking = n <= 16 ? stackalloc double[16] : new double[n];
        erlangs = erlangs[..n];
        servedByClass[..n].Clear();
        double total = 0;
        for (int t = 0; t < demand.Length; t++)
        {
            double d = demand[t];
            for (int i = 0; i < n; i++)
            {
                erlangs[i] = d * shares[i] * erlangsPerTokenPerSecond;
            }
            Blocking(slots, erlangs, reserved, blocking);
            double minute = 0;
            for (int i = 0; i < n; i++)
            {
                double s = d * shares[i] * (1 - blocking[i]);
                servedByClass[i] += s;
                minute += s;
            }
            served[t] = minute;
            total += minute;
        }
        return total;
    }

    private static int Threshold(int slots, int reserved) => Math.Max(0, slots - reserved);
}
