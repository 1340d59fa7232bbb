using System.Text.Json;

namespace FleetSim.Reporting;

/// <summary>Writes a <see cref="BillSummary"/> as one JSON object in the style of <see cref="JsonNumbers"/>.</summary>
public static class BillJson
{
    private static readonly JsonSerializerOptions Options = JsonNumbers.Options(omitNulls: true);

    public static string Serialize(BillSummary summary) => JsonNumbers.Write(summary, Options);
}
