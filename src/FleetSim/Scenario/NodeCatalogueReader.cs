using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>
/// Reads a node catalogue (docs/catalogue.md): YAML with <c>name</c>, <c>node_types</c> and <c>replicas</c>, checked
/// key by key like a scenario, into a <see cref="NodeCatalogue"/>. The first problem found is thrown as a
/// <see cref="ScenarioException"/> naming the file, line, column and key path: an unknown key (with the key it was
/// probably meant to be), a missing one, a price or count out of range, instance sizes that do not divide the node,
/// a name or (model, GPU, tensor parallel) written twice, a replica on a GPU no node type offers or wider than every
/// node that offers it, a curve that does not end at <c>max_in_flight</c>.
/// </summary>
public static partial class NodeCatalogueReader
{
    /// <summary>What the catalogue holds, for messages.</summary>
    private const string Document = "a node catalogue";

    /// <summary>
    /// The catalogue at <paramref name="path"/>, at most <see cref="InputLimits.MaxScenarioBytes"/> (1 MiB; a catalogue of
    /// every GPU instance of every cloud is tens of kilobytes).
    /// </summary>
    /// <param name="path">A YAML file in the format of docs/catalogue.md.</param>
    /// <exception cref="ScenarioException">The file is missing, too big, not YAML, or breaks a rule; the message names file, line and key.</exception>
    public static NodeCatalogue Read(string path)
    {
        string text = InputLimits.ReadText(path, InputLimits.MaxScenarioBytes, Document);
        return Parse(text, path);
    }

    /// <summary>The catalogue in <paramref name="yaml"/>, its messages naming <paramref name="path"/> (for tests and embedded text).</summary>
    /// <param name="yaml">The catalogue's text.</param>
    /// <param name="path">The file name messages give, and the catalogue's <see cref="NodeCatalogue.Path"/>; its name without extension is the default <see cref="NodeCatalogue.Name"/>.</param>
    /// <exception cref="ScenarioException">The text is not YAML or breaks a rule of docs/catalogue.md.</exception>
    public static NodeCatalogue Parse(string yaml, string path)
    {
        var source = new YamlSource(path);
        YamlMappingNode root;
        try
        {
            root = ScenarioLoader.ParseRoot(yaml, source, Document);
        }
        // ParseRoot's own message for an empty document names what a scenario or a LiteLLM config needs; say what a catalogue needs.
        catch (ScenarioException e) when (e.KeyPath.Length == 0 && e.Problem.StartsWith("the file is empty", StringComparison.Ordinal))
        {
            throw new ScenarioException(path, "", $"the file is empty; {Document} needs at least node_types and replicas");
        }
        var top = new MappingReader(source, root, "").Allow("name", "node_types", "replicas");
        string name = top.Text("name") ?? System.IO.Path.GetFileNameWithoutExtension(path);
        if (name.Trim().Length == 0)
        {
            throw top.Error(top.Required("name"), "name", "is empty; give the catalogue a label, or leave name out to use the file name");
        }
        List<(NodeType Value, MappingReader Section)> nodeTypes = ReadList(top, "node_types", "node types", ReadNodeType);
        CheckUniqueNames(nodeTypes);
        List<(CatalogueReplica Value, MappingReader Section)> replicas = ReadList(top, "replicas", "replicas", ReadReplica);
        CheckReplicas(nodeTypes, replicas);
        return new NodeCatalogue(name, path, [.. nodeTypes.Select(n => n.Value)], [.. replicas.Select(r => r.Value)]);
    }

    /// <summary>A required, non-empty list of sections, each read by <paramref name="readItem"/>, kept with its section for later checks.</summary>
    private static List<(T Value, MappingReader Section)> ReadList<T>(MappingReader top, string key, string what, Func<MappingReader, T> readItem)
    {
        YamlNode node = top.Required(key);
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw top.Error(node, key, $"expected a list of {what}, found {(node is YamlSequenceNode ? "an empty list" : MappingReader.Describe(node))}");
        }
        var items = new List<(T, MappingReader)>(list.Children.Count);
        for (int i = 0; i < list.Children.Count; i++)
        {
            MappingReader section = top.AsMapping(list.Children[i], $"{key}[{i}]");
            items.Add((readItem(section), section));
        }
        return items;
    }

    /// <summary>Node type names are unique, compared without case (a plan names the node type to rent).</summary>
    private static void CheckUniqueNames(List<(NodeType Value, MappingReader Section)> nodeTypes)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < nodeTypes.Count; i++)
        {
            var (type, section) = nodeTypes[i];
            if (seen.TryGetValue(type.Name, out int first))
            {
                throw section.Error(section.Required("name"), "name",
                    $"'{type.Name}' is already the name of node_types[{first}] (line {nodeTypes[first].Section.Node.Start.Line}); node type names are unique");
            }
            seen[type.Name] = i;
        }
    }
}
