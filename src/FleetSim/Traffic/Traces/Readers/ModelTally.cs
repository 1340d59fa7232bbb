using System.Text;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// The models a trace's rows name, as a reader meets them: the distinct names in the order first met (the
/// first <see cref="MaxNames"/>; an empty name is a row without one), whether there were more, and how
/// many rows were of the model asked for.
/// </summary>
internal sealed class ModelTally
{
    /// <summary>How many distinct names are kept.</summary>
    public const int MaxNames = 20;

    private readonly List<byte[]> _utf8 = [];
    private readonly List<string> _names = [];
    private int _last = -1;

    /// <summary>The distinct names met, in order, up to <see cref="MaxNames"/>.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>True when more distinct names were met than <see cref="Names"/> keeps.</summary>
    public bool More { get; private set; }

    /// <summary>Rows of the model asked for (every row when none was asked for).</summary>
    public long Matched { get; private set; }

    /// <summary>Notes a row's model name (trimmed; compared exactly).</summary>
    public void See(ReadOnlySpan<byte> name)
    {
        name = name.Trim(" \t"u8);
        if (_last >= 0 && name.SequenceEqual(_utf8[_last])) return;
        for (var i = 0; i < _utf8.Count; i++)
        {
            if (!name.SequenceEqual(_utf8[i])) continue;
            _last = i;
            return;
        }
        if (_names.Count == MaxNames)
        {
            More = true;
            return;
        }
        _utf8.Add(name.ToArray());
        _names.Add(Encoding.UTF8.GetString(name));
        _last = _names.Count - 1;
    }

    /// <summary>Counts a row of the model asked for.</summary>
    public void Match() => Matched++;

    /// <summary>The names for a message: 'a', 'b', (no model), and more.</summary>
    public static string Listed(IReadOnlyList<string> names, bool more)
    {
        if (names.Count == 0) return "none";
        var shown = string.Join(", ", names.Select(n => n.Length == 0 ? "(no model)" : $"'{n}'"));
        return more ? shown + " and more" : shown;
    }
}
