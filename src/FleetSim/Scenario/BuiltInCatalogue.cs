namespace FleetSim.Scenario;

/// <summary>
/// The node catalogue shipped inside FleetSim (scenarios/catalogue/public-gpu-nodes.yaml, embedded):
/// what <c>fleetsim plan</c> searches when neither the scenario nor <c>--catalogue</c> names one.
/// </summary>
public static class BuiltInCatalogue
{
    /// <summary>The name messages give the built-in catalogue (its source file in the repository).</summary>
    public const string Path = "scenarios/catalogue/public-gpu-nodes.yaml (built in)";

    /// <summary>The catalogue's YAML text.</summary>
    public static string Yaml()
    {
        using Stream stream = typeof(BuiltInCatalogue).Assembly.GetManifestResourceStream("FleetSim.DefaultCatalogue.yaml")
            ?? throw new InvalidOperationException("the built-in catalogue is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The built-in catalogue, read.</summary>
    public static NodeCatalogue Read() => NodeCatalogueReader.Parse(Yaml(), Path);
}
