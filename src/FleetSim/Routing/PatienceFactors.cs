namespace FleetSim.Routing;

/// <summary>
/// The effective-patience factor r(c, cv, τ/S̄) that lets the exact M/M/c+D formula stand in for
/// M/G/c+D with lognormal sizes: P_{M/G/c+D}(τ) ≈ P_{M/M/c+D}(r·τ). See <see cref="ReplicaQueues"/>.
/// </summary>
/// <remarks>
/// <para>
/// Each entry is the r at which M/M/c+D (<see cref="TimeoutQueue"/>) gives the fall-back share of
/// the independent reference simulation (tests/FleetSim.Tests/Routing/Reference) of one replica of c
/// slots at load ρ = 1 with lognormal service of that cv and patience τ = t·S̄; 2M·max(1, c/8)
/// requests a point. Where the calibration share was below 0.5 % the entry repeats the previous t
/// (the share is then too small for r to matter). The explicit test <c>CalibratePatienceFactors</c>
/// regenerates the table. Two facts bound it: r → 1 as τ → 0 (the equilibrium residual of any law has
/// density 1/S̄ at 0, so a slot frees at rate c/S̄ at first, as with exponential sizes), and r tends
/// to the heavy-traffic ratio 2/(1 + cv²) of M/G/c to M/M/c waits as τ/S̄ grows (Lee and Longton
/// 1959; Whitt 1993), slowly for cv &gt; 1 where long requests dominate the tail of the wait.
/// </para>
/// <para>
/// Lookup is trilinear in log₂ c, cv and log₂(τ/S̄), clamped to the table: c 1–64, cv 0.5–2,
/// τ/S̄ 0.05–12.8 (beyond 12.8 the share is within a few hundredths of a point of its fluid limit).
/// </para>
/// </remarks>
public static class PatienceFactors
{
    public const double MinCv = 0.5;
    public const double MaxCv = 2.0;
    public const int MaxSlots = 64;

    private const int SlotSteps = 7;     // c = 1, 2, 4, …, 64
    private const int CvSteps = 7;       // cv = 0.5, 0.75, …, 2
    private const int PatienceSteps = 9; // τ/S̄ = 0.05·2^k, k = 0…8
    private const double FirstPatience = 0.05;
    private const double CvStep = 0.25;

    private static readonly double[] Table =
    [
        /* c= 1, cv= 0.5 */ 1.006, 1.046, 1.123, 1.221, 1.389, 1.494, 1.557, 1.576, 1.600,
        /* c= 1, cv=0.75 */ 1.004, 1.060, 1.106, 1.173, 1.258, 1.279, 1.286, 1.304, 1.303,
        /* c= 1, cv=   1 */ 1.018, 1.036, 1.076, 1.123, 1.133, 1.116, 1.083, 1.052, 1.026,
        /* c= 1, cv=1.25 */ 0.971, 1.056, 1.071, 1.058, 1.033, 0.983, 0.925, 0.873, 0.834,
        /* c= 1, cv= 1.5 */ 0.953, 1.036, 1.056, 1.006, 0.956, 0.873, 0.806, 0.733, 0.695,
        /* c= 1, cv=1.75 */ 0.987, 1.001, 1.001, 0.947, 0.889, 0.800, 0.713, 0.638, 0.582,
        /* c= 1, cv=   2 */ 0.946, 0.973, 0.986, 0.911, 0.835, 0.735, 0.643, 0.575, 0.504,
        /* c= 2, cv= 0.5 */ 1.011, 1.056, 1.113, 1.247, 1.407, 1.507, 1.542, 1.618, 1.577,
        /* c= 2, cv=0.75 */ 1.051, 1.052, 1.124, 1.182, 1.245, 1.271, 1.295, 1.302, 1.320,
        /* c= 2, cv=   1 */ 1.034, 1.057, 1.086, 1.115, 1.132, 1.104, 1.061, 1.022, 1.001,
        /* c= 2, cv=1.25 */ 1.058, 1.022, 1.078, 1.054, 1.025, 0.959, 0.894, 0.861, 0.831,
        /* c= 2, cv= 1.5 */ 1.008, 0.972, 1.016, 0.996, 0.937, 0.861, 0.773, 0.718, 0.677,
        /* c= 2, cv=1.75 */ 1.037, 1.003, 1.010, 0.951, 0.868, 0.766, 0.682, 0.609, 0.564,
        /* c= 2, cv=   2 */ 1.004, 0.966, 0.977, 0.899, 0.791, 0.731, 0.625, 0.547, 0.484,
        /* c= 4, cv= 0.5 */ 1.045, 1.049, 1.168, 1.280, 1.426, 1.525, 1.544, 1.612, 1.619,
        /* c= 4, cv=0.75 */ 1.046, 1.081, 1.127, 1.210, 1.267, 1.273, 1.260, 1.272, 1.256,
        /* c= 4, cv=   1 */ 1.035, 1.051, 1.102, 1.121, 1.115, 1.060, 1.035, 1.038, 1.006,
        /* c= 4, cv=1.25 */ 1.012, 1.062, 1.054, 1.050, 0.998, 0.939, 0.867, 0.809, 0.791,
        /* c= 4, cv= 1.5 */ 1.057, 1.029, 1.023, 0.978, 0.908, 0.847, 0.743, 0.723, 0.676,
        /* c= 4, cv=1.75 */ 0.958, 1.015, 0.975, 0.929, 0.855, 0.746, 0.645, 0.597, 0.548,
        /* c= 4, cv=   2 */ 1.002, 0.967, 0.940, 0.893, 0.797, 0.671, 0.591, 0.509, 0.448,
        /* c= 8, cv= 0.5 */ 1.042, 1.097, 1.186, 1.341, 1.461, 1.545, 1.596, 1.628, 1.338,
        /* c= 8, cv=0.75 */ 0.997, 1.088, 1.135, 1.217, 1.275, 1.284, 1.307, 1.315, 1.353,
        /* c= 8, cv=   1 */ 1.021, 1.050, 1.094, 1.112, 1.104, 1.067, 1.007, 1.091, 1.089,
        /* c= 8, cv=1.25 */ 1.035, 1.020, 1.070, 1.018, 0.960, 0.927, 0.841, 0.789, 0.871,
        /* c= 8, cv= 1.5 */ 1.067, 1.044, 0.987, 0.957, 0.882, 0.786, 0.713, 0.707, 0.697,
        /* c= 8, cv=1.75 */ 1.030, 0.999, 0.976, 0.885, 0.800, 0.709, 0.632, 0.529, 0.509,
        /* c= 8, cv=   2 */ 0.966, 1.005, 0.978, 0.847, 0.719, 0.646, 0.540, 0.473, 0.458,
        /* c=16, cv= 0.5 */ 1.061, 1.125, 1.234, 1.394, 1.493, 1.537, 1.630, 1.571, 1.571,
        /* c=16, cv=0.75 */ 1.042, 1.112, 1.179, 1.237, 1.292, 1.296, 1.253, 1.294, 1.294,
        /* c=16, cv=   1 */ 1.021, 1.071, 1.088, 1.109, 1.085, 1.042, 1.036, 1.040, 0.918,
        /* c=16, cv=1.25 */ 1.075, 1.049, 1.037, 0.985, 0.934, 0.848, 0.797, 0.811, 0.713,
        /* c=16, cv= 1.5 */ 0.983, 1.030, 0.983, 0.932, 0.840, 0.776, 0.700, 0.668, 0.684,
        /* c=16, cv=1.75 */ 1.009, 0.964, 0.912, 0.857, 0.771, 0.667, 0.579, 0.547, 0.560,
        /* c=16, cv=   2 */ 0.983, 0.965, 0.924, 0.793, 0.711, 0.618, 0.511, 0.465, 0.490,
        /* c=32, cv= 0.5 */ 1.087, 1.146, 1.303, 1.473, 1.484, 1.560, 1.572, 1.572, 1.572,
        /* c=32, cv=0.75 */ 1.069, 1.123, 1.196, 1.267, 1.257, 1.309, 1.338, 1.338, 1.338,
        /* c=32, cv=   1 */ 1.015, 1.064, 1.086, 1.092, 1.090, 1.030, 1.032, 1.032, 1.032,
        /* c=32, cv=1.25 */ 1.073, 1.057, 1.035, 0.972, 0.911, 0.830, 0.792, 0.763, 0.763,
        /* c=32, cv= 1.5 */ 0.993, 1.016, 0.948, 0.893, 0.800, 0.721, 0.686, 0.748, 0.748,
        /* c=32, cv=1.75 */ 0.997, 0.961, 0.900, 0.802, 0.721, 0.626, 0.572, 0.530, 0.530,
        /* c=32, cv=   2 */ 0.991, 0.957, 0.863, 0.747, 0.641, 0.548, 0.503, 0.481, 0.420,
        /* c=64, cv= 0.5 */ 1.104, 1.216, 1.370, 1.496, 1.547, 1.688, 1.688, 1.688, 1.688,
        /* c=64, cv=0.75 */ 1.099, 1.140, 1.221, 1.274, 1.275, 1.295, 1.295, 1.295, 1.295,
        /* c=64, cv=   1 */ 1.074, 1.087, 1.098, 1.075, 1.029, 1.007, 1.007, 1.007, 1.007,
        /* c=64, cv=1.25 */ 1.041, 1.036, 1.004, 0.944, 0.895, 0.812, 0.784, 0.784, 0.784,
        /* c=64, cv= 1.5 */ 0.999, 0.996, 0.910, 0.839, 0.761, 0.687, 0.696, 0.696, 0.696,
        /* c=64, cv=1.75 */ 0.983, 0.967, 0.882, 0.765, 0.647, 0.576, 0.552, 0.448, 0.448,
        /* c=64, cv=   2 */ 0.966, 0.906, 0.824, 0.697, 0.589, 0.513, 0.458, 0.398, 0.398,
    ];

    /// <summary>r for <paramref name="slots"/> per replica, size cv, and patience over mean service time.</summary>
    public static double Factor(int slots, double cv, double patienceOverService)
    {
        double s = Math.Clamp(Math.Log2(Math.Max(1, slots)), 0, SlotSteps - 1);
        double v = Math.Clamp((cv - MinCv) / CvStep, 0, CvSteps - 1);
        double t = Math.Clamp(Math.Log2(Math.Max(patienceOverService, 1e-300) / FirstPatience), 0, PatienceSteps - 1);
        int s0 = Math.Min((int)s, SlotSteps - 2), v0 = Math.Min((int)v, CvSteps - 2), t0 = Math.Min((int)t, PatienceSteps - 2);
        double fs = s - s0, fv = v - v0, ft = t - t0;
        double result = 0;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                for (int k = 0; k < 2; k++)
                {
                    double w = (i == 0 ? 1 - fs : fs) * (j == 0 ? 1 - fv : fv) * (k == 0 ? 1 - ft : ft);
                    result += w * Table[((s0 + i) * CvSteps + v0 + j) * PatienceSteps + t0 + k];
                }
            }
        }
        return result;
    }
}
