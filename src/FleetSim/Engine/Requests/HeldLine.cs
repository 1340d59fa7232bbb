namespace FleetSim.Engine.Requests;

/// <summary>A deferrable request held by <see cref="DeferrableBacklog"/>.</summary>
internal struct HeldRequest
{
    /// <summary>Processed tokens still to serve; while it runs, as of <see cref="StartedAt"/>.</summary>
    public double Remaining;

    /// <summary>When its deadline comes (seconds): arrival + the class's window.</summary>
    public double Deadline;

    /// <summary>When it last took a slot (seconds), while <see cref="Running"/>.</summary>
    public double StartedAt;

    /// <summary>When it finishes if nothing takes its slot (seconds), while <see cref="Running"/>.</summary>
    public double FinishAt;

    /// <summary>It holds a slot now.</summary>
    public bool Running;

    /// <summary>Finished, sent to the batch tier, or a slot left behind by a preempted request moved up the line.</summary>
    public bool Done;
}

/// <summary>
/// One class's held requests in arrival (= deadline) order, for <see cref="DeferrableBacklog"/>: entries [Head, RunEnd)
/// that are not done are running, [RunEnd, Count) are waiting (none done). Entry i has the absolute index Base + i,
/// kept when the line is compacted (the finish heap names entries by it). Grows by doubling; compacts instead when
/// half of it is done entries at its head.
/// </summary>
internal sealed class HeldLine
{
    public HeldRequest[] Items = new HeldRequest[64];
    public long Base;
    public int Head, RunEnd, Count, Running;

    public void Add(in HeldRequest request)
    {
        if (Count == Items.Length)
        {
            if (Head >= Items.Length / 2)
            {
                Array.Copy(Items, Head, Items, 0, Count - Head);
                Base += Head;
                RunEnd -= Head;
                Count -= Head;
                Head = 0;
            }
            else
            {
                Array.Resize(ref Items, Items.Length * 2);
            }
        }
        Items[Count++] = request;
    }

    /// <summary>The last running entry (there is one: <see cref="Running"/> &gt; 0).</summary>
    public int LastRunning()
    {
        int i = RunEnd - 1;
        while (Items[i].Done)
        {
            i--;
        }
        return i;
    }

    /// <summary>Moves <see cref="Head"/> past done entries (and <see cref="RunEnd"/> with it where it falls behind).</summary>
    public void Trim()
    {
        while (Head < Count && Items[Head].Done)
        {
            Head++;
        }
        RunEnd = Math.Max(RunEnd, Head);
    }
}
