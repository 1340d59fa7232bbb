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
/// provisioning, a drained node is released, a replica fails or is repaired, a spot node is
/// preempted), run in time order with the clock in minutes: repairs on the kernel's timeline, the
/// rest as clocks and ordered lists beside it (see <see cref="RunUntil"/>). Between two events the
/// fleet is fixed, so the minutes in between are one span of the minute kernels.
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
    private readonly List<NodeLease> _leases = [];
    private readonly List<NodeLease> _pending = [];
    private readonly List<NodeLease> _ready = [];
    // Nodes being drained, with the minute each is let go, in that order.
    private readonly Queue<(double At, NodeLease Lease)> _draining = new();
    private readonly Random _random;
    private readonly int _horizon;
    private readonly int _replicasPerNode;
    private readonly NodeKind _baseKind, _burstKind;
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
        var billing = new NodeBilling(scenario.Pricing, scenario.Replica);
        _baseKind = billing.BaseKind;
        _burstKind = billing.BurstKind;
        _context = new ScalingContext(economics, _demand, _served, _serving, (int)Math.Round(scenario.Scaling.ProvisioningMinutes), ServePending);
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
            var lease = new NodeLease(NodeKind.Reserved, 0, 0);
            _leases.Add(lease);
            _ready.Add(lease);
        }
        // The fleet at minute 0 exists already: it was provisioned before the horizon began.
        Apply(_policy.DesiredReplicas(Context()), initial: true);
        Reschedule();
        // Decisions come at fixed instants known ahead, so they are stepped here between kernel runs
        // rather than queued as events of their own (a reactive month has 43,800 of them).
        for (double t = _policy.IntervalMinutes; t < _horizon; t += _policy.IntervalMinutes)
        {
            RunUntil(t);
            Decide();
        }
        RunUntil(_horizon);
        AdvanceTo(_horizon);
        ServePending();
        // Leases still open run on past the horizon: the window bills their minutes in it, no more.
        return new PolicyRun(
            _policy.Name, Demand, _served, _serving, _leases, new Tokens(_servedSum * 60.0),
            _scenario.Replica.Throughput.Value, _scaleEvents, _denied, _failures, _preemptions);
    }

    /// <summary>
    /// Runs everything that happens before <paramref name="until"/> in time order: the failure and
    /// preemption clocks, nodes becoming ready and drained nodes being let go, and the timeline
    /// (repairs). Provisioning and draining take fixed times, so pending and draining nodes are
    /// already in the order they finish and need no events of their own: a reactive month asks for
    /// and lets go of nodes thousands of times. At a tie the clocks go first, then readiness, then
    /// draining; the timeline goes one entry at a time, since each may move the clocks.
    /// </summary>
    private void RunUntil(double until)
    {
        while (true)
        {
            double ready = _pending.Count > 0 ? _pending[0].Ready : double.PositiveInfinity;
            double drained = _draining.Count > 0 ? _draining.Peek().At : double.PositiveInfinity;
            double clock = Math.Min(Math.Min(_nextFailure, _nextPreemption), Math.Min(ready, drained));
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
            else if (clock == ready)
            {
                NodeReady();
            }
            else
            {
                _draining.Dequeue().Lease.End(clock);
            }
        }
    }

    private void Decide()
    {
        AdvanceTo((int)Math.Round(_sim.Now));
        Apply(_policy.DesiredReplicas(Context()), initial: false);
    }

    private ScalingContext Context()
    {
        _context.Minute = _cursor;
        _context.ServingReplicas = ServingReplicas();
        _context.DesiredReplicas = _desired;
        return _context;
    }

    /// <summary>
    /// Replicas taking requests now: every replica the ready nodes hold (nodes are paid whole, so a
    /// policy that asks for an odd count gets the node's other replica too), less failed ones.
    /// </summary>
    private int ServingReplicas() => Math.Max(0, _ready.Count * _replicasPerNode - _failed);

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

    private void Apply(int desiredReplicas, bool initial)
    {
        double now = _sim.Now;
        _desired = Math.Max(0, desiredReplicas);
        int need = Math.Max(_economics.NodesFor(_desired), _scenario.Pricing.ReservedNodes);
        if (_scenario.Scaling.MaxNodes is { } cap && need > cap)
        {
            _denied += need - cap;
            need = cap;
        }
        int active = _pending.Count + _ready.Count;
        if (need > active)
        {
            bool instant = initial || _scenario.Scaling.ProvisioningMinutes <= 0;
            for (int i = active; i < need; i++)
            {
                double delay = instant ? 0 : _scenario.Scaling.ProvisioningMinutes;
                // The fleet at minute 0 is the base (on demand, or spot when pricing.base_fleet says so); added capacity is burst.
                var lease = new NodeLease(initial ? _baseKind : _burstKind, now, now + delay);
                _leases.Add(lease);
                if (instant)
                {
                    _ready.Add(lease);
                }
                else
                {
                    _pending.Add(lease); // in order of readiness: every node takes the same delay
                }
            }
            _scaleEvents += initial ? 0 : 1;
        }
        else if (need < active)
        {
            int excess = active - need;
            for (int i = _pending.Count - 1; i >= 0 && excess > 0; i--, excess--)
            {
                NodeLease lease = _pending[i];
                lease.End(now);
                _pending.RemoveAt(i);
            }
            for (int i = _ready.Count - 1; i >= 0 && excess > 0; i--)
            {
                NodeLease lease = _ready[i];
                if (lease.Kind == NodeKind.Reserved)
                {
                    continue;
                }
                lease.Drain();
                _ready.RemoveAt(i);
                if (_scenario.Scaling.DrainMinutes <= 0)
                {
                    lease.End(now);
                }
                else
                {
                    _draining.Enqueue((now + _scenario.Scaling.DrainMinutes, lease));
                }
                excess--;
            }
            _scaleEvents++;
        }
        if (need != active)
        {
            Reschedule(); // the serving fleet changed: failures and preemptions run at a new rate
        }
    }

    /// <summary>The node asked for first finishes provisioning and starts serving.</summary>
    private void NodeReady()
    {
        AdvanceTo((int)Math.Round(_sim.Now));
        NodeLease lease = _pending[0];
        _pending.RemoveAt(0);
        _ready.Add(lease);
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
            int spotNodes = 0;
            foreach (NodeLease lease in _ready)
            {
                spotNodes += lease.Kind == NodeKind.Spot ? 1 : 0;
            }
            double rate = spotNodes * spot.PreemptionsPerNodeHour / 60.0;
            _nextPreemption = rate > 0 ? _sim.Now + Exponential(rate) : double.PositiveInfinity;
        }
    }

    private void OnFailure()
    {
        AdvanceTo((int)Math.Round(_sim.Now));
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
        AdvanceTo((int)Math.Round(_sim.Now));
        _failed = Math.Max(0, _failed - 1);
        Reschedule();
    }

    private void OnPreemption()
    {
        AdvanceTo((int)Math.Round(_sim.Now));
        int last = _ready.FindLastIndex(l => l.Kind == NodeKind.Spot);
        if (last >= 0)
        {
            _ready[last].End(_sim.Now, preempted: true);
            _ready.RemoveAt(last);
            _preemptions++;
            // The fleet still wants what it wanted: ask for a replacement, which provisions as usual.
            Apply(_desired, initial: false);
        }
        Reschedule();
    }

    private double Exponential(double ratePerMinute) => -Math.Log(1 - _random.NextDouble()) / ratePerMinute;
}
