using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Routing;

/// <summary>
/// What the router does with the interactive classes' priorities (<c>traffic.classes[].priority</c>,
/// <c>reserved_slots</c>): on the minute engine the reservation's closed form (<see cref="ReservedSlotsLoss"/>), on the
/// request engine the per-request rules (<see cref="ReservedSlotsAdmission"/>, <see cref="PriorityQueueAdmission"/>).
/// Which router honours what is checked when the scenario is read; this type only applies it.
/// </summary>
public static class ClassPriorities
{
    /// <summary>
    /// Why the minute engine cannot serve these classes' priorities under <paramref name="router"/>, or null when it can
    /// (or they change nothing there): a queue ordered by priority has no closed form (requests of several classes
    /// waiting with a patience), so the request engine follows it.
    /// </summary>
    public static string? WhyNoMinuteForm(RouterSpec router, TrafficClasses classes) =>
        router.Mode == RouterMode.Queue && classes.RanksInteractive
            ? "router.mode queue with classes of different priority (a wait line ordered by priority, with patience) has no minute closed form; " +
              "fleetsim run --engine request follows each request"
            : null;

    /// <summary>Whether the minute engine serves the interactive classes by <see cref="ReservedSlotsLoss"/> (spill router, a reservation).</summary>
    public static bool ReservesOnMinutes(RouterSpec router, TrafficClasses classes) =>
        router.Mode == RouterMode.Spill && classes.ReservesSlots;

    /// <summary>
    /// The interactive classes through the spill router with reserved slots, on a fixed fleet's minutes.
    /// </summary>
    /// <param name="interactive">tok/s of all interactive classes together, by minute.</param>
    /// <param name="kernel">The fleet's minute form (its slots and erlangs per tok/s are used).</param>
    /// <param name="classes">The scenario's classes; only the interactive ones take part, in scenario order.</param>
    /// <param name="served">Receives the interactive tok/s served each minute.</param>
    /// <param name="servedTokens">Receives each interactive class's tokens served over the span (tok/s·minute × 60), in scenario order.</param>
    /// <returns>The sum of <paramref name="served"/> (tok/s summed over minutes).</returns>
    public static double ServeReserved(ReadOnlySpan<double> interactive, in MinuteRouter kernel, TrafficClasses classes, Span<double> served, out double[] servedTokens)
    {
        TrafficClassSpec[] members = [.. classes.Classes.Where(c => !c.Deferrable)];
        double share = classes.InteractiveShare;
        double[] shares = [.. members.Select(c => c.Share / share)];
        int[] reserved = [.. members.Select(classes.ReservedAbove)];
        var sums = new double[members.Length];
        double sum = kernel.Replicas == 0
            ? Clear(served[..interactive.Length])
            : ReservedSlotsLoss.ServeSpan(interactive, shares, reserved, kernel.Slots, kernel.ErlangsPerTokenPerSecond, served, sums);
        servedTokens = [.. sums.Select(s => s * 60.0)];
        return sum;
    }

    /// <summary>
    /// The request-level rule that honours the classes' priorities under <paramref name="router"/>, or null when they
    /// change nothing there (the mode's own rule then serves every class alike). Requests arrive with their class's
    /// index in <see cref="TrafficClasses.Classes"/> (<see cref="RequestAdmission.Arrive(double, double, int)"/>).
    /// </summary>
    public static ClassAdmission? Admission(RouterSpec router, TrafficClasses classes, RequestFleet fleet)
    {
        if (router.Mode == RouterMode.Spill && classes.ReservesSlots && fleet.Shared is null)
        {
            return new ReservedSlotsAdmission(fleet, [.. classes.Classes.Select(classes.ReservedAbove)]);
        }
        if (router.Mode == RouterMode.Queue && classes.RanksInteractive && fleet.Shared is null)
        {
            return new PriorityQueueAdmission(fleet, [.. classes.Classes.Select(c => c.Priority)], router.PatienceSeconds);
        }
        return null;
    }

    private static double Clear(Span<double> served)
    {
        served.Clear();
        return 0;
    }
}
