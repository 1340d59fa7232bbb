using YamlDotNet.RepresentationModel;

namespace FleetSim.Reporting.Deploy;

/// <summary>The parts a KEDA ScaledObject (keda.sh/v1alpha1) and an HPA (autoscaling/v2) share.</summary>
internal static class KedaObjects
{
    /// <summary>The ScaledObject file's name under the deploy folder.</summary>
    public const string ScaledObjectFileName = "keda-scaledobject.yaml";

    /// <summary>metadata: the object's name.</summary>
    public static YamlMappingNode Metadata(string name) => new() { { "name", DeployYaml.Text(name) } };

    /// <summary>scaleTargetRef: the model server's Deployment.</summary>
    public static YamlMappingNode Target(string deployment) => new()
    {
        { "apiVersion", DeployYaml.Text("apps/v1") },
        { "kind", DeployYaml.Text("Deployment") },
        { "name", DeployYaml.Text(deployment) },
    };

    /// <summary>One direction of HPA <c>behavior</c> (HPAScalingRules): window, selectPolicy and policies.</summary>
    public static YamlMappingNode Rules(int windowSeconds, string selectPolicy, IEnumerable<(string Type, int Value, int PeriodSeconds)> policies)
    {
        var list = new YamlSequenceNode();
        foreach (var (type, value, period) in policies)
        {
            list.Add(new YamlMappingNode
            {
                { "type", DeployYaml.Text(type) },
                { "value", DeployYaml.Number(value) },
                { "periodSeconds", DeployYaml.Number(period) },
            });
        }
        var rules = new YamlMappingNode
        {
            { "stabilizationWindowSeconds", DeployYaml.Number(windowSeconds) },
            { "selectPolicy", DeployYaml.Text(selectPolicy) },
        };
        if (list.Children.Count > 0)
        {
            rules.Add("policies", list);
        }
        return rules;
    }
}
