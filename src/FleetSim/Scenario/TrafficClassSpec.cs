namespace FleetSim.Scenario;

/// <summary>
/// One class of the traffic (<c>traffic.classes</c>): a share of the processed tokens, interactive (served
/// on arrival or spilled to the API at list price) or deferrable within a deadline (held for the fleet's
/// spare capacity, earliest deadline first, else sent to the API's batch tier at its discount). In this
/// slice every class shares the traffic's daily shape and request mix.
/// </summary>
/// <param name="Name">Unique within the scenario.</param>
/// <param name="Share">Share of processed tokens, in (0, 1]; the classes' shares sum to 1.</param>
/// <param name="DeadlineHours">Hours a token may wait for the fleet, 1/60 to 168; null: interactive.</param>
/// <param name="ApiBatchDiscount">The batch tier's discount for this class's tokens that miss their deadline, in [0, 1); null: <c>api.batch_discount</c> (itself 0 by default).</param>
public sealed record TrafficClassSpec(string Name, double Share, double? DeadlineHours, double? ApiBatchDiscount)
{
    /// <summary>The longest deadline a class may have: a week (the minute engine holds a ring of this many minutes per class).</summary>
    public const double MaxDeadlineHours = 168;

    /// <summary>The shortest: one minute, the minute engine's step (a shorter one could not be kept, so it is refused).</summary>
    public const double MinDeadlineHours = 1.0 / 60;

    /// <summary>True when the class has a deadline and can wait for spare capacity.</summary>
    public bool Deferrable => DeadlineHours is not null;

    /// <summary>
    /// Whole minutes a token may wait, counting the minute it arrives in: ⌊60 × deadline_hours⌋ (rounded down, so a
    /// token is never held past its deadline). 0 for an interactive class.
    /// </summary>
    public int DeadlineMinutes => DeadlineHours is { } h ? (int)Math.Floor(h * 60 + 1e-9) : 0;

    /// <summary>
    /// The priority a class has when the scenario gives none: 128, the middle of LiteLLM's 0–255 range (its scheduler's
    /// former <c>DefaultPriorities.Medium</c>, litellm/scheduler.py), so classes without one are all equal.
    /// </summary>
    public const int DefaultPriority = 128;

    /// <summary>The least important priority: 255, the top of LiteLLM's range (<c>FlowItem.priority</c>, "between 0 and 255").</summary>
    public const int LowestPriority = 255;

    /// <summary>
    /// <c>priority</c>: 0 (most important) to 255, lower first, LiteLLM's scheduler convention
    /// (litellm/scheduler.py, <c>Scheduler.add_request</c> pushes <c>(priority, request_id)</c> on a min-heap).
    /// At the router it decides which waiting request a queue serves first (router.mode queue) and, with
    /// <see cref="ReservedSlots"/>, which classes a spill router turns away first. Default <see cref="DefaultPriority"/>.
    /// </summary>
    public int Priority { get; init; } = DefaultPriority;

    /// <summary>
    /// <c>reserved_slots</c>: slots of the fleet (replicas × max_in_flight) that no less important class may take,
    /// kept for this class and any more important one (trunk reservation, router.mode spill). A class is admitted
    /// to the fleet only while the free slots exceed the slots the more important classes reserve together
    /// (<see cref="TrafficClasses.ReservedAbove"/>); otherwise it spills to the API. 0 (default): none.
    /// </summary>
    public int ReservedSlots { get; init; }
}

/// <summary>The traffic's classes (<c>traffic.classes</c>) and where the scenario gave them.</summary>
/// <param name="Classes">At least one class, at most <see cref="MaxClasses"/>; shares sum to 1 within 1e−9.</param>
/// <param name="Location">file:line:column of the <c>traffic.classes</c> key (or the --set that gave it), for refusals.</param>
public sealed record TrafficClasses(IReadOnlyList<TrafficClassSpec> Classes, string Location)
{
    /// <summary>Most classes a scenario may list.</summary>
    public const int MaxClasses = 16;

    /// <summary>Share of processed tokens that is interactive (the classes without a deadline).</summary>
    public double InteractiveShare => Classes.Where(c => !c.Deferrable).Sum(c => c.Share);

    /// <summary>Whether any class reserves slots from the less important ones (<see cref="TrafficClassSpec.ReservedSlots"/>).</summary>
    public bool ReservesSlots => Classes.Any(c => c.ReservedSlots > 0);

    /// <summary>Whether the interactive classes differ in priority (so a queue orders its wait line by it).</summary>
    public bool RanksInteractive => Classes.Where(c => !c.Deferrable).Select(c => c.Priority).Distinct().Count() > 1;

    /// <summary>
    /// rᵢ, the slots class <paramref name="c"/> may never take: the sum of <see cref="TrafficClassSpec.ReservedSlots"/>
    /// over the classes strictly more important than it (a lower priority number). A request of the class is admitted
    /// only while more than rᵢ slots are free, i.e. while fewer than S − rᵢ of the fleet's S slots are busy.
    /// </summary>
    public int ReservedAbove(TrafficClassSpec c) =>
        (int)Math.Min(int.MaxValue, Classes.Where(k => k.Priority < c.Priority).Sum(k => (long)k.ReservedSlots));
}
