namespace FleetSim.Runs.MonteCarlo;

/// <summary>
/// Which slice of a sweep this process runs: shard i of N takes every item whose index leaves
/// remainder i − 1 when divided by N, so any split covers every item once and slices are balanced.
/// </summary>
public readonly record struct SweepShard(int Index, int Count)
{
    public static SweepShard Whole => new(1, 1);

    public bool Takes(long item) => item % Count == Index - 1;

    /// <summary>Parses "i/N" (1 ≤ i ≤ N).</summary>
    public static SweepShard Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int i) && int.TryParse(parts[1], out int n) && n >= 1 && i >= 1 && i <= n)
        {
            return new SweepShard(i, n);
        }
        throw new FormatException($"--shard {text}: expected i/N with 1 ≤ i ≤ N, for example 2/8");
    }

    public override string ToString() => $"{Index}/{Count}";
}
