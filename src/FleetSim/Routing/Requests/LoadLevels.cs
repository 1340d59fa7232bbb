using System.Numerics;

namespace FleetSim.Routing.Requests;

/// <summary>
/// least-busy's view of the eligible replicas: for each load (requests in flight), the set of
/// replicas at that load as a bit set with one summary bit per 64-replica word, and the lowest
/// load any replica has. The pick, the lowest-index replica at the lowest load (LiteLLM's first on
/// a tie), is a look at that load's summary and one word; moving a replica between loads is two bit
/// flips. Neither grows with the fleet beyond the summary's n/4096 words.
/// </summary>
public sealed class LoadLevels
{
    private readonly int _replicas;
    private readonly int _words;
    private readonly int[] _levelOf;
    private readonly List<ulong[]> _bits = [];
    private readonly List<ulong[]> _summary = [];
    private readonly List<int> _count = [];
    private int _members;
    private int _lowest;

    /// <param name="replicas">n ≥ 0; none is in any level at first.</param>
    public LoadLevels(int replicas)
    {
        _replicas = replicas;
        _words = (replicas + 63) >> 6;
        _levelOf = new int[replicas];
        _levelOf.AsSpan().Fill(-1);
    }

    /// <summary>
    /// Puts replica <paramref name="replica"/> at load <paramref name="load"/> (≥ 0), or takes it out
    /// when <paramref name="load"/> is negative (not eligible).
    /// </summary>
    public void Set(int replica, int load)
    {
        int old = _levelOf[replica];
        if (old == load || (old < 0 && load < 0))
        {
            return;
        }
        if (old >= 0)
        {
            Clear(old, replica);
        }
        if (load >= 0)
        {
            Mark(load, replica);
        }
        _levelOf[replica] = load < 0 ? -1 : load;
    }

    /// <summary>The lowest-index replica at the lowest load, or -1 when none is in.</summary>
    public int LeastBusy()
    {
        if (_members == 0)
        {
            return -1;
        }
        ulong[] summary = _summary[_lowest];
        for (int s = 0; ; s++)
        {
            ulong bits = summary[s];
            if (bits != 0)
            {
                int word = (s << 6) + BitOperations.TrailingZeroCount(bits);
                return (word << 6) + BitOperations.TrailingZeroCount(_bits[_lowest][word]);
            }
        }
    }

    private void Mark(int level, int replica)
    {
        while (_bits.Count <= level)
        {
            _bits.Add(new ulong[_words]);
            _summary.Add(new ulong[(_words + 63) >> 6]);
            _count.Add(0);
        }
        int word = replica >> 6;
        ulong[] bits = _bits[level];
        if (bits[word] == 0)
        {
            _summary[level][word >> 6] |= 1UL << (word & 63);
        }
        bits[word] |= 1UL << (replica & 63);
        _count[level]++;
        if (_members++ == 0 || level < _lowest)
        {
            _lowest = level;
        }
    }

    private void Clear(int level, int replica)
    {
        int word = replica >> 6;
        ulong[] bits = _bits[level];
        bits[word] &= ~(1UL << (replica & 63));
        if (bits[word] == 0)
        {
            _summary[level][word >> 6] &= ~(1UL << (word & 63));
        }
        _count[level]--;
        _members--;
        if (level == _lowest && _count[level] == 0 && _members > 0)
        {
            while (_count[_lowest] == 0)
            {
                _lowest++;
            }
        }
    }

    /// <summary>Replica <paramref name="replica"/>'s load, or -1 when it is in no level (not eligible).</summary>
    public int LevelOf(int replica) => _levelOf[replica];

    /// <summary>Replicas in some level.</summary>
    public int Count => _members;

    /// <summary>The fleet's size.</summary>
    public int Replicas => _replicas;
}
