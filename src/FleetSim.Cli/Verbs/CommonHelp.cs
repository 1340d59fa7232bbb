namespace FleetSim.Cli.Verbs;

/// <summary>
/// The help of the options every verb shares, written once so that --quiet, --force, --json and --out
/// mean the same on every verb (the README's Commands section states the same conventions).
/// </summary>
public static class CommonHelp
{
    /// <summary>--quiet: what it drops and what it keeps.</summary>
    public const string Quiet = "Print only the result asked for (the table, Markdown, JSON or YAML on stdout): no progress bar, no 'Wrote …' line, no hint on stderr. Errors, and the warnings inside a result, still print.";

    /// <summary>--force on a verb whose only refusal it lifts is the overwrite of a previous run.</summary>
    public const string Force = "Overwrite a previous run's files in the --out folder, which is otherwise refused (exit code 2); those of them this run does not write are removed.";

    /// <summary>--json: an alias.</summary>
    public const string Json = "Same as --format json.";
}
