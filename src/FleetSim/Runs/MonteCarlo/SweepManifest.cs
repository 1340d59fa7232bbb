using System.Text.Json;

namespace FleetSim.Runs.MonteCarlo;

/// <summary>
/// sweep.json: what a sweep (or one shard of it) ran, so `fleetsim merge` can check that shards
/// belong together and that none is missing.
/// </summary>
/// <param name="ScenarioHash">A hash of every value the scenario resolved to, so shards of two different files that share a name are told apart.</param>
public sealed record SweepManifest(string Scenario, string ScenarioHash, int Runs, int Seed, IReadOnlyList<string> Sets, IReadOnlyList<string> Policies, long Items, string Shard)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true, TypeInfoResolver = FleetSim.Reporting.JsonContracts.Default };

    public string ToJson() => FleetSim.Reporting.JsonNumbers.Write(this, Options);

    public static SweepManifest Read(string path)
    {
        try
        {
            return FleetSim.Reporting.JsonNumbers.Read<SweepManifest>(FleetSim.Scenario.InputLimits.ReadText(path, FleetSim.Scenario.InputLimits.MaxSweepManifestBytes, "a sweep.json"), Options)
                ?? throw new FormatException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a FleetSim sweep.json ({e.Message})");
        }
    }

    /// <summary>Whether two manifests describe slices of the same sweep.</summary>
    public bool SameSweep(SweepManifest other) =>
        Scenario == other.Scenario && ScenarioHash == other.ScenarioHash && Runs == other.Runs && Seed == other.Seed && Items == other.Items &&
        Sets.SequenceEqual(other.Sets) && Policies.SequenceEqual(other.Policies);
}
