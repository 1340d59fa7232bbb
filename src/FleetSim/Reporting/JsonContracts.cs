using System.Text.Json.Serialization;

namespace FleetSim.Reporting;

/// <summary>
/// Every shape FleetSim writes or reads as JSON, with its serialization code generated at compile time
/// (System.Text.Json's source generator) rather than built by reflection at run time: the same bytes, no
/// metadata to build on a command's first JSON, and nothing for the ahead-of-time compiler to miss in the
/// native tool. <see cref="JsonNumbers.Options"/> layers the rounding rules over it.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(BillSummary))]
[JsonSerializable(typeof(CompareSummary))]
[JsonSerializable(typeof(PlanSummary))]
[JsonSerializable(typeof(SweepJson))]
[JsonSerializable(typeof(TiersJson))]
[JsonSerializable(typeof(Provenance))]
[JsonSerializable(typeof(IReadOnlyList<MonteCarloJson>))]
[JsonSerializable(typeof(SensitivityJson))]
public sealed partial class JsonContracts : JsonSerializerContext;
