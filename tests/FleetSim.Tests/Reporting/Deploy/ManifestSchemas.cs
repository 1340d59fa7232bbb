using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Tests.Reporting.Deploy;

/// <summary>
/// The published schemas the deploy files are checked against (Schemas/README.md names their sources),
/// and a manifest's YAML read as the API server reads it: plain scalars resolve to numbers, booleans and
/// null, quoted ones stay strings.
/// </summary>
internal static partial class ManifestSchemas
{
    private static readonly string Folder = Path.GetFullPath(Path.Combine(
        TestContext.CurrentContext.TestDirectory, "../../../../..", "tests/FleetSim.Tests/Reporting/Deploy/Schemas"));

    /// <summary>Kubernetes autoscaling/v2 HorizontalPodAutoscaler, strict (unknown fields refused).</summary>
    public static JsonSchema Hpa { get; } = JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, "horizontalpodautoscaler-autoscaling-v2.json")));

    /// <summary>
    /// KEDA's ScaledObject CRD openAPIV3Schema as a JSON Schema: an object's listed properties are the only
    /// ones allowed, as the API server's strict field validation (kubectl's default) refuses unknown fields.
    /// </summary>
    public static JsonSchema ScaledObject { get; } = KedaSchema();

    private static JsonSchema KedaSchema()
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "keda.sh_scaledobjects.openapi.json")))!;
        Strict(root);
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        return JsonSchema.FromText(root.ToJsonString());
    }

    private static void Strict(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            if (o.ContainsKey("properties") && !o.ContainsKey("additionalProperties") && !o.ContainsKey("x-kubernetes-preserve-unknown-fields"))
            {
                o["additionalProperties"] = false;
            }
            foreach (var (_, child) in o.ToList())
            {
                Strict(child);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (JsonNode? child in a)
            {
                Strict(child);
            }
        }
    }

    /// <summary>The errors of <paramref name="yaml"/> against <paramref name="schema"/>, as "location: message" lines; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(JsonSchema schema, string yaml)
    {
        EvaluationResults results = schema.Evaluate(ToJson(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid ? [] : [.. results.Details.Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))];
    }

    /// <summary>The one document of <paramref name="yaml"/> as JSON.</summary>
    public static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        Assert.That(stream.Documents, Has.Count.EqualTo(1));
        return ToJson(stream.Documents[0].RootNode);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain } p => Plain(p.Value ?? ""),
        YamlScalarNode q => JsonValue.Create(q.Value),
        _ => throw new ArgumentException(node.GetType().Name),
    };

    private static JsonNode? Plain(string text) =>
        text is "" or "~" or "null" ? null
        : text is "true" ? JsonValue.Create(true)
        : text is "false" ? JsonValue.Create(false)
        : Integer().IsMatch(text) ? (long.Parse(text, CultureInfo.InvariantCulture) is var n && n is >= int.MinValue and <= int.MaxValue ? JsonValue.Create((int)n) : JsonValue.Create(n))
        : Float().IsMatch(text) ? JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture))
        : JsonValue.Create(text);

    [GeneratedRegex(@"^[-+]?\d+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex Float();
}
