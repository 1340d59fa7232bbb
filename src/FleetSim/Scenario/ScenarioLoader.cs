using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>Loads scenario files (or the built-in default) and applies --set overrides.</summary>
public static class ScenarioLoader
{
    /// <summary>The name the built-in scenario goes by in messages.</summary>
    public const string DefaultScenarioName = "built-in default (scenarios/cline-k2-floor.yaml)";

    /// <summary>The seed's deployment: 4 TP4 replicas at the trough, spilling to the API.</summary>
    public static ScenarioSpec Default(IEnumerable<ScenarioOverride>? overrides = null) =>
        Parse(DefaultScenarioYaml(), DefaultScenarioName, "cline-k2-floor", overrides);

    /// <summary>The text of the built-in default scenario.</summary>
    public static string DefaultScenarioYaml() => DefaultText.Value;

    // Read once a process: a run parses it and then hashes it for its provenance.
    private static readonly Lazy<string> DefaultText = new(ReadDefaultScenario);

    private static string ReadDefaultScenario()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("FleetSim.DefaultScenario.yaml")
            ?? throw new InvalidOperationException("the built-in scenario is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Reads the scenario at <paramref name="path"/> (at most <see cref="InputLimits.MaxScenarioBytes"/>) and applies the overrides.
    /// Throws <see cref="ScenarioException"/> naming the file and line for anything it cannot run.
    /// </summary>
    public static ScenarioSpec LoadFile(string path, IEnumerable<ScenarioOverride>? overrides = null)
    {
        string text = InputLimits.ReadText(path, InputLimits.MaxScenarioBytes, "a scenario");
        return Parse(text, path, Path.GetFileNameWithoutExtension(path), overrides);
    }

    public static ScenarioSpec Parse(string yaml, string fileName, string defaultName, IEnumerable<ScenarioOverride>? overrides = null)
    {
        var source = new YamlSource(fileName);
        YamlMappingNode root = ParseRoot(yaml, source);
        foreach (ScenarioOverride o in overrides ?? [])
        {
            o.ApplyTo(root, source);
        }
        return new ScenarioReader(source, defaultName).Read(root);
    }

    internal static YamlMappingNode ParseRoot(string yaml, YamlSource source, string document = "a scenario")
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(yaml, source);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // YamlDotNet puts a few errors (a tab in the indentation) at 1:1; the scanner knows the line.
            Mark at = e.Start.Index == 0 && parser.Position.Index > 0 ? parser.Position : e.Start;
            string what = (e.InnerException?.Message ?? e.Message).TrimEnd('.');
            string inside = parser.OpenFlow is { } open ? $" (in the '{open.Opener}' opened at line {open.Start.Line})" : "";
            throw new ScenarioException(source.At(at), "", $"not valid YAML: {what}{inside}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet fails this way, with no position, on a '[' or '{' left open before the next key.
            throw parser.OpenFlow is { } open
                ? new ScenarioException(source.At(open.Start), "", $"not valid YAML: this '{open.Opener}' is never closed")
                : new ScenarioException(source.At(parser.Position), "", "not valid YAML: cannot be read past this point");
        }
        if (stream.Documents.Count == 0)
        {
            throw new ScenarioException(source.FileName, "", document == "a scenario"
                ? "the file is empty; a scenario needs at least traffic, replica and api sections"
                : $"the file is empty; {document} needs at least a model_list");
        }
        if (stream.Documents.Count > 1)
        {
            throw new ScenarioException(source.FileName, "", $"holds more than one YAML document (---); {document} is one document");
        }
        YamlNode root = stream.Documents[0].RootNode;
        return root as YamlMappingNode
            ?? throw source.Error(root, "", $"{document} is a section of keys, found {MappingReader.Describe(root)}");
    }
}
