namespace FleetSim.Cli;

/// <summary>
/// What a verb says about its work rather than its result: which files it wrote, hints. These go to stderr,
/// so stdout holds only the result (a table, Markdown, JSON or YAML that can be redirected into a file), and
/// --quiet drops them.
/// </summary>
public static class Notes
{
    /// <summary>"  Wrote a, b, c" on <paramref name="stderr"/>, unless <paramref name="quiet"/> or nothing was written.</summary>
    public static void Wrote(IReadOnlyList<string> written, bool quiet, TextWriter stderr)
    {
        if (!quiet && written.Count > 0)
        {
            stderr.WriteLine($"  Wrote {string.Join(", ", written)}");
        }
    }

    /// <summary>A hint line on <paramref name="stderr"/>, unless <paramref name="quiet"/>.</summary>
    public static void Hint(string line, bool quiet, TextWriter stderr)
    {
        if (!quiet)
        {
            stderr.WriteLine(line);
        }
    }
}
