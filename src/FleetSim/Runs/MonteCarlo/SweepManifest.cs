using System.Text.Json;

namespace FleetSim.Runs.MonteCarlo;

/// <summary>
/// sweep.json: what a sweep (or one shard of it) ran, so `fleetsim merge` can check that shards
/// belong together and that none is missing.
/// </summary>
/// <param name="ScenarioHash">A hash of every value the scenario resolved to, so shards of two different files that share a name are told apart.</param>
public sealed record SweepManifest(string Scenario, string ScenarioHash, int Runs, int Seed, IReadOnlyList<string> Sets, IReadOnlyList<string> Policies, long Items, string Shard)
{
    public string ToJson() => JsonSerializer.Serialize(this, SweepManifestContract.Default.SweepManifest);

    public static SweepManifest Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(FleetSim.Scenario.InputLimits.ReadText(path, FleetSim.Scenario.InputLimits.MaxSweepManifestBytes, "a sweep.json"), SweepManifestContract.Default.SweepManifest)
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

/// <summary>sweep.json's shape, serialized by code generated at compile time (snake_case, indented).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(SweepManifest))]
internal sealed partial class SweepManifestContract : System.Text.Json.Serialization.JsonSerializerContext;
