namespace FleetSim.Cli.Verbs;

/// <summary>A verb that takes --set overrides.</summary>
public interface IHasSets
{
    IEnumerable<string> Sets { get; set; }
}
