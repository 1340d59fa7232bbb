using FleetSim.Fleet;
using FleetSim.Routing.Modes;
using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Routing;

/// <summary>
/// One router mode: its closed form for the minute engine (or why it has none) and its admission
/// rule for the request engine. Every engine, the bill and the reports reach a mode only through
/// this type; <see cref="For"/> is the one place that reads <see cref="RouterSpec.Mode"/>.
/// </summary>
public abstract class Router(RouterSpec spec)
{
    /// <summary>The settings this router runs with.</summary>
    public RouterSpec Spec { get; } = spec;

    /// <summary>The router <paramref name="spec"/> describes.</summary>
    public static Router For(RouterSpec spec) => spec.Mode switch
    {
        RouterMode.Fluid => new FluidRouter(spec),
        RouterMode.Spill => new SpillRouter(spec),
        RouterMode.Queue => new QueueRouter(spec),
        RouterMode.Cooldown => new CooldownRouter(spec),
        RouterMode.LiteLlm => new LiteLlmRouter(spec),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Mode, "unknown router mode"),
    };

    /// <summary>
    /// Why the minute engine cannot run this router, or null when it can, for replicas of
    /// <paramref name="replica"/> serving requests of <paramref name="mix"/>; <paramref name="replicas"/>
    /// is the fleet's size when fixed, null when a policy changes it.
    /// </summary>
    public virtual string? WhyNoMinuteForm(ReplicaSpec replica, int? replicas, RequestMix mix) => null;

    /// <summary>
    /// Whether a request the fleet serves starts on arrival: no queue, no retry, no wait for a slot,
    /// so its latency is its time in service alone and <see cref="WorstCaseLatency"/> bounds it whole.
    /// </summary>
    public bool ServesOnArrival => RouterModes.ServesOnArrival(Spec.Mode);

    /// <summary>
    /// The self-hosted path's latency for <paramref name="replicas"/> fixed replicas serving
    /// <paramref name="demand"/> (tok/s a minute), in closed form on the minute engine; null when this
    /// router has none (a queue's wait, retries and cooldowns need the request engine) or nothing is served.
    /// </summary>
    public virtual LoadedLatency? MinuteLatency(ReadOnlySpan<double> demand, int replicas, ReplicaSpec replica, RequestMix mix) => null;

    /// <summary>Why the request engine cannot run this router, or null when it can.</summary>
    public virtual string? WhyNoRequestForm => null;

    /// <summary>
    /// Serves one span of minutes of a fixed fleet into a caller's buffer, allocation-free:
    /// <paramref name="served"/>[m] = tok/s of <paramref name="demand"/>[m] the replicas take.
    /// </summary>
    /// <returns>The sum of <paramref name="served"/> over the span.</returns>
    public abstract double ServeSpan(ReadOnlySpan<double> demand, in MinuteRouter fleet, Span<double> served);

    /// <summary>This router's request-level rule for one run on <paramref name="fleet"/>.</summary>
    public abstract RequestAdmission Admission(RequestFleet fleet);

    /// <summary>One line for the bill: what the router does with a request, in the user's words.</summary>
    public abstract string Describe(FleetShape fleet);

    /// <summary>The counts the request engine's summary adds for this mode ("…, 12 timed out").</summary>
    public virtual string CountsNote(long timedOut, long rejected, long retries) => "";

    /// <summary>This mode's own settings as the scenario names them (router.KEY), for the report's assumptions.</summary>
    public virtual IEnumerable<(string Key, object Value)> Settings() => [];

    /// <summary>The picker's name (simple-shuffle, least-busy).</summary>
    protected string ChoiceName => ReplicaChoices.Name(Spec.Choice);
}
