namespace FleetSim.Engine.Deferral;

/// <summary>
/// Deferrable tokens waiting for the fleet, earliest deadline first. Each class keeps its arrivals in a ring of
/// its deadline's minutes (arrivals come in time order and a class's window is fixed, so each class's queue is
/// already in deadline order); serving takes from the class whose oldest entry is due first (ties: the class
/// listed first). A token arriving in minute t with a window of L minutes may be served in minutes t … t + L − 1;
/// at the end of minute t + L − 1 what is left of it goes to the batch tier. Allocation-free after construction.
/// </summary>
internal sealed class EarliestDeadlineBacklog
{
    private readonly int[] _window;
    private readonly double[][] _amount;
    private readonly int[][] _due;
    private readonly int[] _head, _count;

    /// <param name="windows">Each deferrable class's window in whole minutes (at least 1).</param>
    public EarliestDeadlineBacklog(IReadOnlyList<int> windows)
    {
        int k = windows.Count;
        _window = [.. windows];
        _amount = new double[k][];
        _due = new int[k][];
        _head = new int[k];
        _count = new int[k];
        for (int c = 0; c < k; c++)
        {
            _amount[c] = new double[_window[c]];
            _due[c] = new int[_window[c]];
        }
        Served = new double[k];
        ToBatch = new double[k];
    }

    /// <summary>Tokens of each class served from the backlog so far.</summary>
    public double[] Served { get; }

    /// <summary>Tokens of each class sent to the batch tier so far (deadlines reached, and <see cref="Flush"/>).</summary>
    public double[] ToBatch { get; }

    /// <summary>Tokens of class <paramref name="c"/> arriving in <paramref name="minute"/>.</summary>
    public void Arrive(int c, int minute, double tokens)
    {
        if (tokens <= 0)
        {
            return;
        }
        int slot = (_head[c] + _count[c]) % _window[c];
        _amount[c][slot] = tokens;
        _due[c][slot] = minute + _window[c] - 1;
        _count[c]++;
    }

    /// <summary>Serves up to <paramref name="budget"/> tokens, earliest deadline first.</summary>
    /// <returns>The tokens served.</returns>
    public double Serve(double budget)
    {
        double served = 0;
        while (budget > 0)
        {
            int pick = -1, due = int.MaxValue;
            for (int c = 0; c < _window.Length; c++)
            {
                if (_count[c] > 0 && _due[c][_head[c]] < due)
                {
                    pick = c;
                    due = _due[c][_head[c]];
                }
            }
            if (pick < 0)
            {
                break;
            }
            ref double head = ref _amount[pick][_head[pick]];
            double take = Math.Min(budget, head);
            Served[pick] += take;
            served += take;
            budget -= take;
            if (take >= head)
            {
                Pop(pick);
            }
            else
            {
                head -= take;
            }
        }
        return served;
    }

    /// <summary>At the end of <paramref name="minute"/>: what is due then and still held goes to the batch tier.</summary>
    /// <returns>The tokens sent.</returns>
    public double Expire(int minute)
    {
        double sent = 0;
        for (int c = 0; c < _window.Length; c++)
        {
            while (_count[c] > 0 && _due[c][_head[c]] <= minute)
            {
                sent += _amount[c][_head[c]];
                ToBatch[c] += _amount[c][_head[c]];
                Pop(c);
            }
        }
        return sent;
    }

    /// <summary>At the horizon's end: everything still held goes to the batch tier.</summary>
    /// <returns>The tokens sent, by class.</returns>
    public double[] Flush()
    {
        var sent = new double[_window.Length];
        for (int c = 0; c < _window.Length; c++)
        {
            while (_count[c] > 0)
            {
                sent[c] += _amount[c][_head[c]];
                ToBatch[c] += _amount[c][_head[c]];
                Pop(c);
            }
        }
        return sent;
    }

    private void Pop(int c)
    {
        _head[c] = (_head[c] + 1) % _window[c];
        _count[c]--;
    }
}
