using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>
/// Where each YAML node came from: a line and column of the scenario file, or a --set override.
/// Every error message starts with this location.
/// </summary>
internal sealed class YamlSource(string fileName)
{
    private readonly Dictionary<YamlNode, string> _overrideOrigins = new(ReferenceEqualityComparer.Instance);

    public string FileName { get; } = fileName;

    public string Locate(YamlNode node) =>
        _overrideOrigins.TryGetValue(node, out string? origin) ? origin : At(node.Start);

    /// <summary>A place in the scenario file, as file:line:column.</summary>
    public string At(Mark mark) => $"{FileName}:{mark.Line}:{mark.Column}";

    /// <summary>Marks a node, and everything under it, as written by an override.</summary>
    public void MarkOverride(YamlNode node, string origin)
    {
        foreach (YamlNode n in node.AllNodes)
        {
            _overrideOrigins[n] = origin;
        }
    }

    public ScenarioException Error(YamlNode node, string keyPath, string problem) =>
        new(Locate(node), keyPath, problem);
}
