using FleetSim.Scaling;

namespace FleetSim.Cli;

/// <summary>Checks --policies before anything runs, so a typo is one line and exit code 2.</summary>
public static class PolicyArguments
{
    public static void Check(IEnumerable<string>? policies)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string p in policies ?? [])
        {
            if (!seen.Add(p))
            {
                throw new UsageException($"--policies: '{p}' is named twice: each policy runs once");
            }
            try
            {
                PolicyFactory.Validate(p);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--policies: {e.Message}");
            }
        }
    }
}
