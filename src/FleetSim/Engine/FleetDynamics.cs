using FleetSim.Engine.Kernel;
using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Pricing;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Engine;

/// <summary>
/// The control plane: a fleet that changes at instants (a policy decides, a node finishes
/// provisioning, an empty node is released, a replica fails or is repaired, a spot node is
/// preempted), run in time order with the clock in minutes: repairs on the kernel's timeline, the
/// rest as clocks and ordered lists beside it (see <see cref="RunUntil"/>). Nodes follow the cluster
/// autoscaler's lifecycle (<see cref="NodePool"/>). Between two events the fleet is fixed, so the
/// minutes in between are one span of the minute kernels. A change within a minute counts from the
/// nearest whole minute (the minute plane's resolution); a decision sees the minutes before it.
/// </summary>
public sealed class FleetDynamics
{
    private readonly Simulation _sim = new();
    private readonly ScenarioSpec _scenario;
    private readonly IScalingPolicy _policy;
    private readonly FleetEconomics _economics;
    private readonly ScalingContext _context;
    private readonly double[] _demand;
    private readonly double[] _served;
    private readonly int[] _serving;
    private readonly NodePool _nodes;
    private readonly Random _random;
    private readonly int _horizon;
    private readonly int _replicasPerNode;
    private readonly NodeKind _baseKind;
    private readonly NodeBilling _billing;
    private readonly SpotSpec? _spot;
    private readonly Func<NodeKind?> _baseChoice, _burstChoice, _replacementChoice;
    private readonly Action _onRepair;
    // Failures and preemptions are memoryless clocks kept beside the timeline rather than on it: the
    // fleet changes thousands of times a month, and each change moves both clocks.
    private double _nextFailure = double.PositiveInfinity, _nextPreemption = double.PositiveInfinity;
    private double _servedSum;
    // Minutes before _cursor have their serving count; minutes before _servedCursor have their served
    // tok/s too. In between lies one pending span at _pendingReplicas, run through the kernel only
    // when the fleet changes or someone reads what was served: a reactive month decides every minute,
    // and one kernel call per fleet change is far cheaper than one per minute.
    private int _servedCursor, _pendingReplicas;
    private int _cursor, _desired, _failed, _scaleEvents, _denied, _failures, _preemptions;
    // Nodes preempted under pricing.spot.fallback: api, not asked for again until the policy's answer changes.
    private int _writtenOff;

    private FleetDynamics(ScenarioSpec scenario, DemandSeries demand, IScalingPolicy policy, FleetEconomics economics, int seed,
                          MonthBuffers? buffers)
    {
        _scenario = scenario;
        _policy = policy;
        _economics = economics;
        _demand = demand.RateArray;
        _horizon = demand.Minutes;
        if (buffers is not null && buffers.Served.Length == _horizon)
        {
            _served = buffers.Served;
            _serving = buffers.Serving;
        }
        else
        {
            _served = new double[_horizon];
            _serving = new int[_horizon];
        }
        _replicasPerNode = scenario.Replica.ReplicasPerNode;
        _billing = new NodeBilling(scenario.Pricing, scenario.Replica);
        _baseKind = _billing.BaseKind;
        _spot = scenario.Pricing.Spot;
        _baseChoice = BaseChoice;
        _burstChoice = BurstChoice;
        _replacementChoice = ReplacementChoice;
        _context = new ScalingContext(economics, _demand, _served, _serving, (int)Math.Round(scenario.Scaling.ProvisioningMinutes), ServePending);
        ScalingSpec scaling = scenario.Scaling;
        _nodes = new NodePool(scaling.ScaleDownUnneededMinutes, scaling.ScaleDownDelayAfterAddMinutes, scaling.DrainMinutes);
        _random = new SeedStreams(seed).Next();
        _onRepair = OnRepair;
        Demand = demand;
    }

    private DemandSeries Demand { get; }

    public static PolicyRun Run(ScenarioSpec scenario, DemandSeries demand, IScalingPolicy policy, FleetEconomics economics, int seed) =>
        new FleetDynamics(scenario, demand, policy, economics, seed, null).Run();

    /// <summary>
    /// The same run, writing its minutes into <paramref name="buffers"/> (when they fit the horizon)
    /// instead of new arrays: a Monte Carlo thread reuses one pair for every month, and the returned
    /// run's <see cref="PolicyRun.Served"/> and <see cref="PolicyRun.Serving"/> are only valid until its next run.
    /// </summary>
    public static PolicyRun Run(ScenarioSpec scenario, DemandSeries demand, IScalingPolicy policy, FleetEconomics economics, int seed,
                                MonthBuffers buffers) =>
        new FleetDynamics(scenario, demand, policy, economics, seed, buffers).Run();

    private PolicyRun Run()
    {
        for (int i = 0; i < _scenario.Pricing.ReservedNodes; i++)
        {
            _nodes.AddServing(new NodeLease(NodeKind.Reserved, 0, 0));
        }
        // The fleet at minute 0 exists already: it was provisioned before the horizon began.
        Apply(_policy.DesiredReplicas(Context(0)), initial: true);
        Reschedule();
        // Decisions come at fixed instants known ahead, so they are stepped here between kernel runs
        // rather than queued as events of their own (a reactive month has 175,200 of them, one per 15 s).
        // A policy that would answer the same until some instant (ScalingContext.SameAnswerUntil) is not
        // asked again before it, unless something happens to the fleet first.
        double interval = _policy.IntervalMinutes;
        for (long k = 1; k * interval < _horizon; k = NextDecision(k, interval))
        {
            double t = k * interval;
            RunUntil(t);
            Decide(t);
        }
        RunUntil(_horizon);
        AdvanceTo(_horizon);
        ServePending();
        // Leases still open run on past the horizon: the window bills their minutes in it, no more.
        return new PolicyRun(
            _policy.Name, Demand, _served, _serving, _nodes.Leases, new Tokens(_servedSum * 60.0),
            _scenario.Replica.Throughput.Value, _scaleEvents, _denied, _failures, _preemptions);
    }

    /// <summary>
    /// Runs everything that happens before <paramref name="until"/> in time order: the failure and
    /// preemption clocks, nodes becoming ready and empty nodes being let go, and the timeline
    /// (repairs). Booting takes a fixed time and releases follow the pool's timers, so nodes need no
    /// events of their own: a reactive month asks for and lets go of nodes thousands of times. At a
    /// tie the clocks go first, then readiness, then releases; the timeline goes one entry at a time,
    /// since each may move the clocks.
    /// </summary>
    private void RunUntil(double until)
    {
        while (true)
        {
            double ready = _nodes.NextReady;
            double released = _nodes.NextRelease;
            double noticeEnd = _nodes.NextNoticeEnd;
            double clock = Math.Min(Math.Min(Math.Min(_nextFailure, _nextPreemption), Math.Min(ready, released)), noticeEnd);
            clock = Math.Min(clock, until);
            if (_sim.Step(clock))
            {
                continue;
            }
            _sim.Run(clock);
            if (clock == until)
            {
                return;
            }
            if (clock == _nextFailure && _nextFailure <= _nextPreemption)
            {
                OnFailure();
            }
            else if (clock == _nextPreemption)
            {
                OnPreemption();
            }
            else if (clock == noticeEnd)
            {
                OnNoticeEnd();
            }
            else if (clock == ready)
            {
                NodeReady();
            }
            else
            {
                _nodes.ReleaseDue(clock);
            }
        }
    }

    /// <summary>
    /// The decision after decision <paramref name="k"/> (each <paramref name="interval"/> minutes): the next,
    /// or, when the policy would answer the same until some instant, the first at or after it, unless
    /// something happens to the fleet before (a decision then follows it).
    /// </summary>
    private long NextDecision(long k, double interval)
    {
        double same = _context.SameAnswerUntil;
        if (same <= (k + 1) * interval)
        {
            return k + 1;
        }
        double quietUntil = Math.Min(same, Math.Floor(NextEventTime() / interval) * interval + interval);
        return Math.Max(k + 1, (long)Math.Ceiling(quietUntil / interval - 1e-9));
    }

    /// <summary>When the next thing happens to the fleet (a clock, a node ready or released, a repair); +∞ with nothing due.</summary>
    private double NextEventTime() =>
        Math.Min(Math.Min(Math.Min(Math.Min(_nextFailure, _nextPreemption), Math.Min(_nodes.NextReady, _nodes.NextRelease)), _sim.NextTime),
                 _nodes.NextNoticeEnd);

    /// <summary>A decision at <paramref name="t"/>: it sees the minutes before ⌊t⌋; what it changes counts from the nearest minute.</summary>
    private void Decide(double t)
    {
        AdvanceTo((int)Math.Floor(t));
        int desired = _policy.DesiredReplicas(Context(t));
        if (desired != _desired)
        {
            _writtenOff = 0; // the policy's answer changed: what fallback: api wrote off is asked for again
        }
        int wanted = _nodes.Wanted, need = NodesWanted(desired);
        if (desired != _desired || wanted > need || (wanted < need && CanGrow()))
        {
            AdvanceTo(NearestMinute(t));
            Apply(desired, initial: false);
        }
    }

    private ScalingContext Context(double t) => _context.At(t, ServingReplicas(), _desired);

    /// <summary>The minute a change at <paramref name="t"/> counts from: the nearest, a half minute rounding up.</summary>
    private static int NearestMinute(double t) => (int)Math.Floor(t + 0.5);

    /// <summary>
    /// Replicas taking requests now: every replica the ready nodes hold (nodes are paid whole, so a
    /// policy that asks for an odd count gets the node's other replica too), less failed ones.
    /// </summary>
    private int ServingReplicas() => Math.Max(0, _nodes.ReadyCount * _replicasPerNode - _failed);

    /// <summary>Records the fleet as it is for the minutes from the cursor up to <paramref name="minute"/>.</summary>
    private void AdvanceTo(int minute)
    {
        minute = Math.Min(minute, _horizon);
        if (minute <= _cursor)
        {
            return;
        }
        int replicas = ServingReplicas();
        if (replicas != _pendingReplicas)
        {
            ServePending();
            _pendingReplicas = replicas;
        }
        _serving.AsSpan(_cursor, minute - _cursor).Fill(replicas);
        _cursor = minute;
    }

    /// <summary>Runs the pending span (every minute in it had the same serving replicas) through the kernel.</summary>
    private void ServePending()
    {
        if (_servedCursor >= _cursor)
        {
            return;
        }
        Span<double> served = _served.AsSpan(_servedCursor, _cursor - _servedCursor);
        if (_pendingReplicas == 0)
        {
            served.Clear();
        }
        else
        {
            ReadOnlySpan<double> demand = _demand.AsSpan(_servedCursor, _cursor - _servedCursor);
            _servedSum += MinuteEngine.ServeSpan(demand, _economics.RouterFor(_pendingReplicas), served);
        }
        _servedCursor = _cursor;
    }

    /// <summary>
    /// Nodes wanted for <paramref name="desiredReplicas"/>: whole nodes less those written off under
    /// <c>fallback: api</c>, at least the reserved ones, within max_nodes.
    /// </summary>
    private int NodesWanted(int desiredReplicas)
    {
        int need = Math.Max(_economics.NodesFor(Math.Max(0, desiredReplicas)) - _writtenOff, _scenario.Pricing.ReservedNodes);
        return NodeCap() is { } cap ? Math.Min(need, cap) : need;
    }

    private void Apply(int desiredReplicas, bool initial, Func<NodeKind?>? kinds = null)
    {
        double now = _sim.Now;
        _desired = Math.Max(0, desiredReplicas);
        int need = Math.Max(_economics.NodesFor(_desired) - _writtenOff, _scenario.Pricing.ReservedNodes);
        if (NodeCap() is { } cap && need > cap)
        {
            _denied += need - cap;
            need = cap;
        }
        int wanted = _nodes.Wanted;
        if (need > wanted)
        {
            // The fleet at minute 0 is the base (on demand, or spot when pricing.base_fleet says so); added capacity is burst.
            bool instant = initial || _scenario.Scaling.ProvisioningMinutes <= 0;
            _nodes.Grow(need, now, kinds ?? (initial ? _baseChoice : _burstChoice), instant ? 0 : _scenario.Scaling.ProvisioningMinutes);
            // Bursts without on_demand stop at the spot cap: the rest is refused, as max_nodes refuses.
            _denied += need - _nodes.Wanted;
            _scaleEvents += initial ? 0 : 1;
        }
        else if (need < wanted)
        {
            _nodes.Shrink(need, now);
            _scaleEvents++;
        }
        if (need != wanted)
        {
            Reschedule(); // the serving fleet may have changed: failures and preemptions run at a new rate
        }
    }

    /// <summary>The node asked for first finishes provisioning and starts serving.</summary>
    private void NodeReady()
    {
        AdvanceTo(NearestMinute(_sim.Now));
        _nodes.BecomeReady(_sim.Now);
        Reschedule();
    }

    /// <summary>Failures and preemptions are memoryless: whenever the fleet changes, redraw the next one at the new rate.</summary>
    private void Reschedule()
    {
        if (_scenario.Scaling.Failures is { } f)
        {
            double rate = ServingReplicas() / (f.MtbfHours * 60.0);
            _nextFailure = rate > 0 ? _sim.Now + Exponential(rate) : double.PositiveInfinity;
        }
        if (_scenario.Pricing.Spot is { PreemptionsPerNodeHour: > 0 } spot)
        {
            // Each event takes a batch of nodes, so events come that much rarer: nodes lost per spot node-hour stay the rate.
            int ready = _nodes.ReadySpotNodes;
            double rate = ready * spot.PreemptionsPerNodeHour / 60.0 / Math.Max(1, spot.BatchSize(ready));
            _nextPreemption = rate > 0 ? _sim.Now + Exponential(rate) : double.PositiveInfinity;
        }
    }

    private void OnFailure()
    {
        AdvanceTo(NearestMinute(_sim.Now));
        if (ServingReplicas() > 0)
        {
            _failed++;
            _failures++;
            _sim.Schedule(Exponential(1 / (_scenario.Scaling.Failures!.MttrHours * 60.0)), _onRepair);
        }
        Reschedule();
    }

    private void OnRepair()
    {
        AdvanceTo(NearestMinute(_sim.Now));
        _failed = Math.Max(0, _failed - 1);
        Reschedule();
    }

    /// <summary>
    /// A preemption event: a batch of the newest ready spot nodes (<see cref="SpotSpec.BatchSize"/>) is
    /// told it will be interrupted. Each serves out the notice; its replacement is asked for now, of the
    /// kind <c>pricing.spot.fallback</c> names, or, under <c>api</c>, not at all until the policy's answer changes.
    /// </summary>
    private void OnPreemption()
    {
        AdvanceTo(NearestMinute(_sim.Now));
        SpotSpec spot = _spot!;
        int taken = _nodes.PreemptSpot(_sim.Now, spot.BatchSize(_nodes.ReadySpotNodes), spot.NoticeMinutes);
        if (taken > 0)
        {
            _preemptions += taken;
            if (spot.Fallback == SpotFallback.Api)
            {
                _writtenOff += taken;
            }
            else
            {
                // The fleet still wants what it wanted: ask for the replacement now, which provisions as usual.
                Apply(_desired, initial: false, _replacementChoice);
            }
        }
        Reschedule();
    }

    /// <summary>
    /// A preempted node's notice is over: it stops serving and its billing ends. A replacement that
    /// <c>scaling.max_nodes</c> held back while the node was still leased is asked for now.
    /// </summary>
    private void OnNoticeEnd()
    {
        AdvanceTo(NearestMinute(_sim.Now));
        _nodes.EndNoticesDue(_sim.Now);
        if (_spot!.Fallback != SpotFallback.Api && _scenario.Scaling.MaxNodes is not null && _nodes.Wanted < NodesWanted(_desired))
        {
            Apply(_desired, initial: false, _replacementChoice);
        }
        Reschedule();
    }

    /// <summary>
    /// The nodes the fleet may want now under <c>scaling.max_nodes</c>: the cap less the nodes serving out a
    /// preemption notice, which are still leased (the cluster autoscaler counts them until they go); null without a cap.
    /// </summary>
    private int? NodeCap() => _scenario.Scaling.MaxNodes is { } cap ? Math.Max(0, cap - _nodes.Noticed) : null;

    /// <summary>Whether the fleet can grow now: a spare or empty node to take back, or a burst pool with room.</summary>
    private bool CanGrow() => _nodes.Reusable > 0 || BurstChoice() is not null;

    /// <summary>The base fleet's next node: its kind (spot within <c>pricing.spot.max_nodes</c>, on demand beyond).</summary>
    private NodeKind? BaseChoice() =>
        _baseKind == NodeKind.Spot && _nodes.LeasedSpotNodes >= _billing.SpotCap ? NodeKind.OnDemand : _baseKind;

    /// <summary>An added node's kind: the first pool of <c>pricing.bursts</c> with room (spot within its cap; on demand always); null: none.</summary>
    private NodeKind? BurstChoice()
    {
        foreach (NodeKind kind in _billing.BurstOrder)
        {
            if (kind != NodeKind.Spot || _nodes.LeasedSpotNodes < _billing.SpotCap)
            {
                return kind;
            }
        }
        return null;
    }

    /// <summary>A preempted node's replacement: on demand under <c>fallback: on_demand</c>; else spot again within its cap, then the burst order.</summary>
    private NodeKind? ReplacementChoice() =>
        _spot!.Fallback == SpotFallback.OnDemand ? NodeKind.OnDemand
        : _nodes.LeasedSpotNodes < _billing.SpotCap ? NodeKind.Spot
        : BurstChoice();

    private double Exponential(double ratePerMinute) => -Math.Log(1 - _random.NextDouble()) / ratePerMinute;
}
