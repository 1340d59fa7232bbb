namespace FleetSim.Cli.Verbs;

/// <summary>
/// One example of a verb's --help: what it does and the whole command line, printed on a line of its own
/// however long (copying it never drops an argument). Each options class lists its own in a static
/// <c>Examples</c> property, which <see cref="HelpPage"/> reads.
/// </summary>
public sealed record VerbExample(string What, string Line);
