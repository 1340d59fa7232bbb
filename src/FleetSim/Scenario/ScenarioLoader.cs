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
    public static string DefaultScenarioYaml()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("FleetSim.DefaultScenario.yaml")
            ?? throw new InvalidOperationException("the built-in scenario is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static ScenarioSpec LoadFile(string path, IEnumerable<ScenarioOverride>? overrides = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string why = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw new ScenarioException(path, "", why);
        }
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

    private static YamlMappingNode ParseRoot(string yaml, YamlSource source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            string what = (e.InnerException?.Message ?? e.Message).TrimEnd('.');
            throw new ScenarioException($"{source.FileName}:{e.Start.Line}:{e.Start.Column}", "", $"not valid YAML: {what}");
        }
        catch (ArgumentException e)
        {
            // YamlDotNet reports a key written twice in one section this way.
            throw new ScenarioException(source.FileName, "", $"not valid YAML: {e.Message}");
        }
        if (stream.Documents.Count == 0)
        {
            throw new ScenarioException(source.FileName, "", "the file is empty; a scenario needs at least traffic, replica and api sections");
        }
        if (stream.Documents.Count > 1)
        {
            throw new ScenarioException(source.FileName, "", "holds more than one YAML document (---); a scenario is one document");
        }
        YamlNode root = stream.Documents[0].RootNode;
        return root as YamlMappingNode
            ?? throw source.Error(root, "", $"a scenario is a section of keys (traffic:, replica:, ...), found {MappingReader.Describe(root)}");
    }
}
