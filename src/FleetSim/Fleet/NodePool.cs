using FleetSim.Pricing;

namespace FleetSim.Fleet;

/// <summary>
/// A fleet's nodes through Kubernetes' cluster-autoscaler lifecycle, with the clock in minutes. A node
/// is booting (asked for, billed, not serving yet), ready (its replicas serve), or empty (no replica
/// wanted on it: it serves nothing and is still billed). A node no longer wanted while it boots is
/// not cancelled: it boots on, spare, and is empty once ready (cluster-autoscaler only removes
/// registered nodes). An empty node is released once it has been empty for
/// <c>--scale-down-unneeded-time</c> and no node has been asked for within
/// <c>--scale-down-delay-after-add</c> (kubernetes/autoscaler <c>cluster-autoscaler/FAQ.md</c>, both 10 min by
/// default). Wanting more nodes reuses empty nodes first (they serve at once), then spare booting ones,
/// and only then asks for new ones. Reserved nodes are never let go. A preempted spot node serves out
/// its interruption notice (no longer wanted: its replacement may be asked for at once) and its lease
/// ends when the notice does.
/// </summary>
/// <param name="unneededMinutes">cluster-autoscaler's <c>--scale-down-unneeded-time</c>, in minutes.</param>
/// <param name="delayAfterAddMinutes">cluster-autoscaler's <c>--scale-down-delay-after-add</c>, in minutes.</param>
/// <param name="drainMinutes">A replica let go finishes its requests for this long before its node is empty (the pod's graceful termination).</param>
public sealed class NodePool(double unneededMinutes, double delayAfterAddMinutes, double drainMinutes)
{
    // Every lease, as values; the lists and lines below hold leases by their number in it.
    private readonly LeaseBook _leases = new();
    private readonly List<int> _ready = [];
    // Booting nodes, wanted and spare, each in the order they become ready.
    private readonly MinuteLine<int> _booting = new();
    private readonly MinuteLine<int> _spare = new();
    // Empty nodes by the minute each became empty (its drain over, or ready with no replica wanted).
    private readonly MinuteLine<int> _empty = new();
    // Preempted nodes serving out their interruption notice, by the minute the notice ends.
    private readonly MinuteLine<int> _noticed = new();
    private double _lastAdd = double.NegativeInfinity;
    private int _readySpot, _leasedSpot;

    /// <summary>Every lease the pool ever held, in the order asked for: each read gives a new object with the lease's values then.</summary>
    public IReadOnlyList<NodeLease> Leases => _leases;

    /// <summary>Nodes whose replicas serve now: the ready ones and those serving out a preemption notice.</summary>
    public int ReadyCount => _ready.Count + _noticed.Count;

    /// <summary>Nodes that serve or will once booted: what the fleet wants.</summary>
    public int Wanted => _ready.Count + _booting.Count;

    /// <summary>Leased nodes not wanted now (spare booting ones and empty ones): growth takes these before asking for new ones.</summary>
    public int Reusable => _spare.Count + _empty.Count;

    /// <summary>Nodes leased now, serving or not.</summary>
    public int Leased => Wanted + _spare.Count + _empty.Count + _noticed.Count;

    /// <summary>Ready spot nodes (what preemption can take; a node under notice is already taken).</summary>
    public int ReadySpotNodes => _readySpot;

    /// <summary>Spot nodes leased now, booting, serving, spare or empty, less those under a preemption notice (their capacity is going back): what <c>pricing.spot.max_nodes</c> caps.</summary>
    public int LeasedSpotNodes => _leasedSpot;

    /// <summary>Preempted nodes serving out their notice: still leased (and counted against <c>scaling.max_nodes</c>), no longer wanted.</summary>
    public int Noticed => _noticed.Count;

    /// <summary>The minute the next preemption notice ends; +∞ with none.</summary>
    public double NextNoticeEnd => _noticed.Count > 0 ? _noticed.First.Minute : double.PositiveInfinity;

    /// <summary>The minute the next booting node (wanted or spare) becomes ready; +∞ with none.</summary>
    public double NextReady { get; private set; } = double.PositiveInfinity;

    /// <summary>The minute the next empty node may be released; +∞ with none.</summary>
    public double NextRelease { get; private set; } = double.PositiveInfinity;

    /// <summary>A node serving from the start (the fleet provisioned before the horizon, or a reserved node).</summary>
    public void AddServing(NodeLease lease)
    {
        int added = _leases.Add(lease.Kind, lease.Requested, lease.Ready);
        if (lease.Draining)
        {
            _leases.Drain(added);
        }
        if (lease.Ended is { } ended)
        {
            _leases.End(added, ended, lease.Preempted);
        }
        _leasedSpot += lease.Kind == NodeKind.Spot ? 1 : 0;
        AddReady(added);
    }

    /// <summary>
    /// Brings the wanted nodes up to <paramref name="need"/> at <paramref name="now"/>: empty nodes first
    /// (the newest), then spare booting ones (the soonest ready), then new leases of
    /// <paramref name="kind"/> ready after <paramref name="bootMinutes"/> (0: at once). Returns the new leases asked for.
    /// </summary>
    public int Grow(int need, double now, NodeKind kind, double bootMinutes) => Grow(need, now, () => kind, bootMinutes);

    /// <summary>
    /// As <see cref="Grow(int, double, NodeKind, double)"/>, each new lease of the kind
    /// <paramref name="nextKind"/> names when it is asked for (a burst order with a spot cap); null: no
    /// pool has capacity, so the growth stops short of <paramref name="need"/>.
    /// </summary>
    public int Grow(int need, double now, Func<NodeKind?> nextKind, double bootMinutes)
    {
        while (Wanted < need && _empty.Count > 0)
        {
            int lease = _empty.RemoveLast(); // the newest empty (the last to empty among equals)
            _leases.Reclaim(lease);
            AddReady(lease);
        }
        while (Wanted < need && _spare.Count > 0)
        {
            int lease = _spare.RemoveFirst();
            _booting.Add(lease, _leases.Ready(lease));
        }
        int asked = 0;
        for (; Wanted < need; asked++)
        {
            if (nextKind() is not { } kind)
            {
                break;
            }
            double ready = now + Math.Max(0, bootMinutes);
            int lease = _leases.Add(kind, now, ready);
            _leasedSpot += kind == NodeKind.Spot ? 1 : 0;
            if (bootMinutes <= 0)
            {
                AddReady(lease);
            }
            else
            {
                _booting.Add(lease, ready); // every node boots for the same time: it joins at the back
            }
        }
        if (asked > 0)
        {
            _lastAdd = now;
        }
        Update();
        return asked;
    }

    /// <summary>
    /// Brings the wanted nodes down to <paramref name="need"/> at <paramref name="now"/>: booting nodes
    /// become spare first (the last to be ready), then ready nodes other than reserved ones (the newest)
    /// stop serving and are empty once drained.
    /// </summary>
    public void Shrink(int need, double now)
    {
        while (Wanted > need && _booting.Count > 0)
        {
            int lease = _booting.RemoveLast();
            _spare.Add(lease, _leases.Ready(lease));
        }
        for (int i = _ready.Count - 1; i >= 0 && Wanted > need; i--)
        {
            int lease = _ready[i];
            if (_leases.Kind(lease) == NodeKind.Reserved)
            {
                continue;
            }
            RemoveReadyAt(i);
            _leases.Drain(lease);
            _empty.Add(lease, now + Math.Max(0, drainMinutes));
        }
        Update();
    }

    /// <summary>The booting node due at <paramref name="now"/> becomes ready: it serves if wanted, else it is empty from now.</summary>
    public void BecomeReady(double now)
    {
        bool wanted = _booting.Count > 0 && (_spare.Count == 0 || _booting.First.Minute <= _spare.First.Minute);
        if (wanted)
        {
            AddReady(_booting.RemoveFirst());
        }
        else
        {
            int lease = _spare.RemoveFirst();
            _leases.Drain(lease);
            _empty.Add(lease, now);
        }
        Update();
    }

    /// <summary>Releases (ends the billing of) every empty node whose time has come at <paramref name="now"/>.</summary>
    public void ReleaseDue(double now)
    {
        if (now < _lastAdd + delayAfterAddMinutes - 1e-9)
        {
            return;
        }
        // The line is in order of the minute each node became empty, so the nodes due are its front.
        while (_empty.Count > 0 && _empty.First.Minute + unneededMinutes <= now + 1e-9)
        {
            int lease = _empty.RemoveFirst();
            _leases.End(lease, now);
            _leasedSpot -= _leases.Kind(lease) == NodeKind.Spot ? 1 : 0;
        }
        Update();
    }

    /// <summary>Ends (as preempted) every lease whose interruption notice is over at <paramref name="now"/>.</summary>
    public void EndNoticesDue(double now)
    {
        while (_noticed.Count > 0 && _noticed.First.Minute <= now + 1e-9)
        {
            _leases.End(_noticed.RemoveFirst(), now, preempted: true);
        }
    }

    /// <summary>The newest ready spot node is preempted at <paramref name="now"/>: gone at once, billing stops. False with none.</summary>
    public bool PreemptSpot(double now) => PreemptSpot(now, 1, 0) > 0;

    /// <summary>
    /// The <paramref name="count"/> newest ready spot nodes (fewer if fewer are ready) are preempted at
    /// <paramref name="now"/>. With a notice (<paramref name="noticeMinutes"/> above 0) each serves on
    /// until <c>now + noticeMinutes</c>, no longer wanted, and its lease ends then; without one it is gone
    /// at once. Returns the nodes taken.
    /// </summary>
    public int PreemptSpot(double now, int count, double noticeMinutes)
    {
        int taken = 0;
        for (int i = _ready.Count - 1; i >= 0 && taken < count; i--)
        {
            int lease = _ready[i];
            if (_leases.Kind(lease) != NodeKind.Spot)
            {
                continue;
            }
            RemoveReadyAt(i);
            _leasedSpot--;
            taken++;
            if (noticeMinutes > 0)
            {
                _noticed.Add(lease, now + noticeMinutes);
            }
            else
            {
                _leases.End(lease, now, preempted: true);
            }
        }
        return taken;
    }

    /// <summary>Finds the next readiness and release again after the lines changed (they are read far more often than they change).</summary>
    private void Update()
    {
        NextReady = Math.Min(_booting.Count > 0 ? _booting.First.Minute : double.PositiveInfinity,
                             _spare.Count > 0 ? _spare.First.Minute : double.PositiveInfinity);
        NextRelease = _empty.Count == 0 ? double.PositiveInfinity : Math.Max(_empty.First.Minute + unneededMinutes, _lastAdd + delayAfterAddMinutes);
    }

    private void AddReady(int lease)
    {
        _ready.Add(lease);
        _readySpot += _leases.Kind(lease) == NodeKind.Spot ? 1 : 0;
    }

    private void RemoveReadyAt(int index)
    {
        _readySpot -= _leases.Kind(_ready[index]) == NodeKind.Spot ? 1 : 0;
        _ready.RemoveAt(index);
    }
}
