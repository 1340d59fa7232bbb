using System.Text.Json;

namespace FleetSim.Reporting;

/// <summary>Writes a <see cref="BillSummary"/> as one JSON object with snake_case fields.</summary>
public static class BillJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(BillSummary summary) => JsonSerializer.Serialize(summary, Options);
}
