namespace FleetSim.Tests.Hostile;

/// <summary>What a fuzz case may end in.</summary>
public enum FuzzExpectation
{
    /// <summary>Bad input: exit 2, one message naming the place, nothing written.</summary>
    Refused,

    /// <summary>Degenerate but valid: exit 0 and a sane bill.</summary>
    Runs,

    /// <summary>Either of the above; never a crash, a stack trace, exit 1 or half-written output.</summary>
    Either,
}

/// <summary>
/// One command line to try against the fleetsim process: <paramref name="Args"/> run in a fresh folder
/// holding <paramref name="Files"/>; the token <c>{out}</c> in an argument is replaced by the output folder,
/// which must not exist after a refusal.
/// </summary>
/// <param name="Surface">Which input it attacks: scenario, yaml, litellm, trace, flag, degenerate.</param>
/// <param name="Name">What it tries, for the failure list.</param>
/// <param name="Place">A word the refusal must name (a file name, a key or a flag); null: any.</param>
public sealed record FuzzCase(string Surface, string Name, string[] Args, IReadOnlyDictionary<string, byte[]> Files,
                              FuzzExpectation Expect, string? Place = null)
{
    public override string ToString() =>
        $"{Surface}: {Name} (fleetsim {string.Join(' ', Args.Select(a => a.Length > 40 ? a[..40] + "…" : a))})";
}
