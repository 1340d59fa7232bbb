using System.Text.Json.Nodes;

namespace FleetSim.Tests;

/// <summary>What two fleetsim JSON outputs are compared on: everything but how they were made.</summary>
internal static class JsonOutputs
{
    /// <summary>The JSON without its <c>provenance</c> block (command line and time differ between calls by design).</summary>
    public static string WithoutProvenance(string json)
    {
        JsonObject root = JsonNode.Parse(json)!.AsObject();
        root.Remove("provenance");
        return root.ToJsonString();
    }
}
