using FleetSim.Engine.Deferral;
using FleetSim.Fleet;
using FleetSim.Routing;
using FleetSim.Routing.Requests;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Engine.Requests;

/// <summary>
/// Traffic classes on the request engine: which class each request belongs to, and where each class's tokens went.
/// Interactive requests go to the router as without classes; deferrable ones to a <see cref="DeferrableBacklog"/>
/// that runs them on the slots the router's requests leave idle.
/// </summary>
/// <remarks>
/// Each request's class is drawn from its own seed stream (the last one, so the arrival, size, routing and API
/// latency streams are those of the same run without classes) with probability equal to the class's share. Every
/// class has the traffic's request mix, so a request's size does not depend on its class and each class's expected
/// share of the processed tokens is its share. The router keeps one ledger for all its requests, so the interactive
/// classes' self-hosted, spilled and dropped tokens are the ledger's split in proportion to each class's own demand
/// (exact in expectation: the classes' requests are alike and arrive by one process); the deferrable classes'
/// figures are their own, request by request.
/// </remarks>
internal sealed class RequestClasses
{
    private readonly TrafficClasses _classes;
    private readonly double[] _cumulative;
    private readonly int[] _backlogIndex;
    private readonly double[] _interactiveDemand;
    private readonly Random _random;

    /// <param name="classes">The scenario's classes.</param>
    /// <param name="fleet">The fixed fleet.</param>
    /// <param name="ledger">The router's ledger: the backlog watches its slot intervals and records its own slot-time there.</param>
    /// <param name="random">The class stream.</param>
    public RequestClasses(TrafficClasses classes, FleetShape fleet, RequestLedger ledger, Random random)
    {
        _classes = classes;
        _random = random;
        int n = classes.Classes.Count;
        _cumulative = new double[n];
        _backlogIndex = new int[n];
        _interactiveDemand = new double[n];
        double sum = 0;
        var windows = new List<double>();
        for (int i = 0; i < n; i++)
        {
            TrafficClassSpec c = classes.Classes[i];
            sum += c.Share;
            _cumulative[i] = sum;
            _backlogIndex[i] = c.Deferrable ? windows.Count : -1;
            if (c.DeadlineHours is { } h)
            {
                windows.Add(h * 3600.0);
            }
        }
        if (windows.Count > 0)
        {
            Backlog = new DeferrableBacklog(windows, fleet.Slots, ServiceTime.Seconds(1, fleet.Replica), ledger.InFlight);
            ledger.SlotWatcher = Backlog;
        }
    }

    /// <summary>The deferrable classes' backlog, or null when every class is interactive.</summary>
    public DeferrableBacklog? Backlog { get; }

    /// <summary>
    /// A request of <paramref name="tokens"/> arrives at <paramref name="now"/>: draws its class; a deferrable one
    /// joins the backlog (true), an interactive one is counted and left to the router (false). The backlog is
    /// advanced to <paramref name="now"/> either way, before the router sees the request.
    /// </summary>
    public bool Arrive(double now, double tokens, out int trafficClass)
    {
        double u = _random.NextDouble();
        int c = 0;
        while (c < _cumulative.Length - 1 && u >= _cumulative[c])
        {
            c++;
        }
        Backlog?.AdvanceTo(now);
        trafficClass = c;
        if (_backlogIndex[c] >= 0)
        {
            Backlog!.Arrive(now, _backlogIndex[c], tokens);
            return true;
        }
        _interactiveDemand[c] += tokens;
        return false;
    }

    /// <summary>The horizon ended at <paramref name="end"/> (seconds): what the backlog still holds goes to the batch tier.</summary>
    public void Finish(double end) => Backlog?.Finish(end);

    /// <summary>Deferrable demand and served tokens in total (0 without a deferrable class).</summary>
    public (double Demand, double Served) Deferred => Backlog is { } b ? (b.Demand.Sum(), b.Served.Sum()) : (0, 0);

    /// <summary>
    /// Each class's tokens, in the scenario's order; the interactive classes' add up to the ledger's within the horizon.
    /// With a rule that ranks the classes (<paramref name="ranked"/>, priorities) each interactive class's self-hosted
    /// tokens are its own, and its spilled and dropped ones its part of the ledger's by what the fleet did not take of it.
    /// </summary>
    public IReadOnlyList<ClassTokens> Tokens(RequestLedger ledger, ClassAdmission? ranked = null)
    {
        double interactive = _interactiveDemand.Sum();
        double after = ledger.TokensAfterHorizon;
        var tokens = new List<ClassTokens>(_cumulative.Length);
        for (int i = 0; i < _cumulative.Length; i++)
        {
            TrafficClassSpec spec = _classes.Classes[i];
            int d = _backlogIndex[i];
            if (d >= 0)
            {
                DeferrableBacklog b = Backlog!;
                tokens.Add(new ClassTokens(spec.Name, true, new Tokens(b.Demand[d]), new Tokens(0), new Tokens(b.Served[d]), new Tokens(0),
                                           new Tokens(b.BatchAtDeadline[d] + b.BatchAtHorizonEnd[d]), new Tokens(b.BatchAtHorizonEnd[d]), new Tokens(0)));
                continue;
            }
            if (ranked is not null)
            {
                double self = ranked.SelfHostedTokens.Sum(), left = ranked.ArrivedTokens.Sum() - self;
                double mine = self > 0 ? after * ranked.SelfHostedTokens[i] / self : 0;
                double notTaken = left > 0 ? (ranked.ArrivedTokens[i] - ranked.SelfHostedTokens[i]) / left : 0;
                tokens.Add(new ClassTokens(spec.Name, false, new Tokens(ranked.ArrivedTokens[i] - mine), new Tokens(ranked.SelfHostedTokens[i] - mine),
                                           new Tokens(0), new Tokens(notTaken * ledger.SpilledTokens), new Tokens(0), new Tokens(0), new Tokens(notTaken * ledger.DroppedTokens)));
                continue;
            }
            double f = interactive > 0 ? _interactiveDemand[i] / interactive : 0;
            tokens.Add(new ClassTokens(spec.Name, false, new Tokens(f * (ledger.DemandTokens - after)), new Tokens(f * (ledger.SelfHostedTokens - after)),
                                       new Tokens(0), new Tokens(f * ledger.SpilledTokens), new Tokens(0), new Tokens(0), new Tokens(f * ledger.DroppedTokens)));
        }
        return tokens;
    }

    /// <summary>
    /// Why the request engine cannot serve <paramref name="scenario"/>'s deferrable classes on <paramref name="fleet"/>
    /// (a <see cref="ScenarioException"/> at <c>traffic.classes</c>, exit code 2 from the CLI), or null when it can or
    /// no class is deferrable. This first version keeps to slot replicas (no measured throughput curve) and to the
    /// routers with a minute form (spill, and queue where it has one), whose slot intervals are all settled on arrival.
    /// </summary>
    public static ScenarioException? Refusal(ScenarioSpec scenario, FleetShape fleet)
    {
        if (scenario.Traffic.Classes is not { } classes || !classes.Classes.Any(c => c.Deferrable))
        {
            return null;
        }
        string? missing = fleet.Replica.SharesByLoad
            ? "a replica with a measured throughput curve (replica.throughput_curve), which shares its pace among its requests: " +
              "preempting deferred work there is not modelled yet, only on slot replicas. Run it on the minute engine (--engine minute)"
            : MinuteRouter.WhyNoMinuteForm(scenario.Router, scenario.Replica, scenario.Traffic.RequestMix, fleet.Replicas) is { } why
                ? $"router.mode {scenario.Router.ModeName}, which has no minute form ({why}): deferral is modelled only behind the routers " +
                  "that have one (spill; queue with patience_seconds)"
                : null;
        return missing is null ? null : new ScenarioException(classes.Location, "traffic.classes",
            $"the request engine cannot hold deferrable classes on {missing}; or make every class interactive (no deadline_hours)");
    }
}
