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
/// and only then asks for new ones. Reserved nodes are never let go.
/// </summary>
/// <param name="unneededMinutes">cluster-autoscaler's <c>--scale-down-unneeded-time</c>, in minutes.</param>
/// <param name="delayAfterAddMinutes">cluster-autoscaler's <c>--scale-down-delay-after-add</c>, in minutes.</param>
/// <param name="drainMinutes">A replica let go finishes its requests for this long before its node is empty (the pod's graceful termination).</param>
public sealed class NodePool(double unneededMinutes, double delayAfterAddMinutes, double drainMinutes)
{
    private readonly List<NodeLease> _leases = [];
    private readonly List<NodeLease> _ready = [];
    // Booting nodes, wanted and spare, each in the order they become ready.
    private readonly List<NodeLease> _booting = [];
    private readonly List<NodeLease> _spare = [];
    // Empty nodes with the minute each became empty (its drain over, or ready with no replica wanted).
    private readonly List<(NodeLease Lease, double Since)> _empty = [];
    private double _lastAdd = double.NegativeInfinity;

    /// <summary>Every lease the pool ever held, in the order asked for.</summary>
    public IReadOnlyList<NodeLease> Leases => _leases;

    /// <summary>Nodes whose replicas serve now.</summary>
    public int ReadyCount => _ready.Count;

    /// <summary>Nodes that serve or will once booted: what the fleet wants.</summary>
    public int Wanted => _ready.Count + _booting.Count;

    /// <summary>Nodes leased now, serving or not.</summary>
    public int Leased => Wanted + _spare.Count + _empty.Count;

    /// <summary>Ready spot nodes (what preemption can take).</summary>
    public int ReadySpotNodes
    {
        get
        {
            int n = 0;
            foreach (NodeLease lease in _ready)
            {
                n += lease.Kind == NodeKind.Spot ? 1 : 0;
            }
            return n;
        }
    }

    /// <summary>The minute the next booting node (wanted or spare) becomes ready; +∞ with none.</summary>
    public double NextReady { get; private set; } = double.PositiveInfinity;

    /// <summary>The minute the next empty node may be released; +∞ with none.</summary>
    public double NextRelease { get; private set; } = double.PositiveInfinity;

    /// <summary>A node serving from the start (the fleet provisioned before the horizon, or a reserved node).</summary>
    public void AddServing(NodeLease lease)
    {
        _leases.Add(lease);
        _ready.Add(lease);
    }

    /// <summary>
    /// Brings the wanted nodes up to <paramref name="need"/> at <paramref name="now"/>: empty nodes first
    /// (the newest), then spare booting ones (the soonest ready), then new leases of
    /// <paramref name="kind"/> ready after <paramref name="bootMinutes"/> (0: at once). Returns the new leases asked for.
    /// </summary>
    public int Grow(int need, double now, NodeKind kind, double bootMinutes)
    {
        while (Wanted < need && _empty.Count > 0)
        {
            int newest = 0;
            for (int i = 1; i < _empty.Count; i++)
            {
                newest = _empty[i].Since >= _empty[newest].Since ? i : newest;
            }
            NodeLease lease = _empty[newest].Lease;
            _empty.RemoveAt(newest);
            lease.Reclaim();
            _ready.Add(lease);
        }
        while (Wanted < need && _spare.Count > 0)
        {
            InsertByReady(_booting, _spare[0]);
            _spare.RemoveAt(0);
        }
        int asked = 0;
        for (; Wanted < need; asked++)
        {
            var lease = new NodeLease(kind, now, now + Math.Max(0, bootMinutes));
            _leases.Add(lease);
            if (bootMinutes <= 0)
            {
                _ready.Add(lease);
            }
            else
            {
                _booting.Add(lease); // every node boots for the same time, so the list stays in order of readiness
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
            NodeLease lease = _booting[^1];
            _booting.RemoveAt(_booting.Count - 1);
            InsertByReady(_spare, lease);
        }
        for (int i = _ready.Count - 1; i >= 0 && Wanted > need; i--)
        {
            NodeLease lease = _ready[i];
            if (lease.Kind == NodeKind.Reserved)
            {
                continue;
            }
            _ready.RemoveAt(i);
            lease.Drain();
            _empty.Add((lease, now + Math.Max(0, drainMinutes)));
        }
        Update();
    }

    /// <summary>The booting node due at <paramref name="now"/> becomes ready: it serves if wanted, else it is empty from now.</summary>
    public void BecomeReady(double now)
    {
        bool wanted = _booting.Count > 0 && (_spare.Count == 0 || _booting[0].Ready <= _spare[0].Ready);
        if (wanted)
        {
            _ready.Add(_booting[0]);
            _booting.RemoveAt(0);
        }
        else
        {
            NodeLease lease = _spare[0];
            _spare.RemoveAt(0);
            lease.Drain();
            _empty.Add((lease, now));
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
        for (int i = _empty.Count - 1; i >= 0; i--)
        {
            if (_empty[i].Since + unneededMinutes <= now + 1e-9)
            {
                _empty[i].Lease.End(now);
                _empty.RemoveAt(i);
            }
        }
        Update();
    }

    /// <summary>The newest ready spot node is preempted at <paramref name="now"/>: gone at once, billing stops. False with none.</summary>
    public bool PreemptSpot(double now)
    {
        int last = _ready.FindLastIndex(l => l.Kind == NodeKind.Spot);
        if (last < 0)
        {
            return false;
        }
        _ready[last].End(now, preempted: true);
        _ready.RemoveAt(last);
        return true;
    }

    /// <summary>Finds the next readiness and release again after the lists changed (they are read far more often than they change).</summary>
    private void Update()
    {
        NextReady = Math.Min(_booting.Count > 0 ? _booting[0].Ready : double.PositiveInfinity,
                             _spare.Count > 0 ? _spare[0].Ready : double.PositiveInfinity);
        double since = double.PositiveInfinity;
        foreach (var (_, s) in _empty)
        {
            since = Math.Min(since, s);
        }
        NextRelease = _empty.Count == 0 ? double.PositiveInfinity : Math.Max(since + unneededMinutes, _lastAdd + delayAfterAddMinutes);
    }

    private static void InsertByReady(List<NodeLease> list, NodeLease lease)
    {
        int i = list.Count;
        while (i > 0 && list[i - 1].Ready > lease.Ready)
        {
            i--;
        }
        list.Insert(i, lease);
    }
}
