namespace FleetSim.Cli;

/// <summary>
/// Takes every <c>--set KEY=VALUE</c> (or <c>--set=KEY=VALUE</c>) out of the command line before
/// CommandLineParser sees it: a repeatable option whose values contain '=' and may look like
/// anything should not be guessed at by a generic parser, nor swallow the scenario path after it.
/// What is left is checked for positional arguments the verb has no place for (<see cref="ExtraArguments"/>).
/// </summary>
public static class SetArguments
{
    public static (string[] Remaining, List<string> Sets) Extract(string[] args)
    {
        var rest = new List<string>();
        var sets = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--set")
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException("--set: expects KEY.PATH=VALUE, for example --set fleet.replicas=6");
                }
                sets.Add(args[++i]);
            }
            else if (a.StartsWith("--set=", StringComparison.Ordinal))
            {
                sets.Add(a["--set=".Length..]);
            }
            else
            {
                rest.Add(a);
            }
        }
        ExtraArguments.Check(rest);
        return ([.. rest], sets);
    }
}
