using System.Text.RegularExpressions;

namespace FleetSim.Tests.Cli;

/// <summary>
/// What two YAML outputs headed by a provenance comment (<c>trace fit</c>, <c>replica fit</c>) are compared on:
/// everything but the time they were made, which differs between calls by design (as
/// <see cref="JsonOutputs.WithoutProvenance"/> does for JSON). Version, command and input hashes still count.
/// </summary>
internal static partial class ProvenanceComments
{
    /// <summary><paramref name="text"/> with the UTC time of its provenance comment line replaced by "TIME".</summary>
    public static string WithoutTime(string text) => Stamp().Replace(text, "${head} · TIME UTC");

    [GeneratedRegex(@"^(?<head># fleetsim \S+ · .*) · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC(?=\r?$)", RegexOptions.Multiline)]
    private static partial Regex Stamp();
}
