using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

internal sealed partial class ScenarioReader
{
    /// <summary>
    /// <c>traffic.classes</c>: a list of 1 to <see cref="TrafficClasses.MaxClasses"/> classes
    /// <c>{name, share, deadline_hours?, api_batch_discount?}</c>, names unique, shares summing to 1 within 1e−9;
    /// null when the key is absent. Every refusal names the file, line and key.
    /// </summary>
    private static TrafficClasses? ReadClasses(MappingReader t)
    {
        if (t.Find("classes") is not { } node)
        {
            return null;
        }
        string path = t.PathOf("classes");
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw t.Error(node, "classes", $"expected a list of classes {{name, share, deadline_hours?, api_batch_discount?}}, found {(node is YamlSequenceNode ? "an empty list" : MappingReader.Describe(node))}");
        }
        if (list.Children.Count > TrafficClasses.MaxClasses)
        {
            throw t.Error(node, "classes", $"lists {list.Children.Count} classes; at most {TrafficClasses.MaxClasses} are allowed");
        }
        var classes = new List<TrafficClassSpec>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            MappingReader c = t.AsMapping(list.Children[i], $"{path}[{i}]").Allow("name", "share", "deadline_hours", "api_batch_discount");
            string name = c.Text("name") is { Length: > 0 } n ? n : throw c.Error(c.Find("name") ?? c.Node, "name", "is required: a class needs a name");
            if (classes.Any(k => k.Name == name))
            {
                throw c.Error(c.Required("name"), "name", $"'{name}' names two classes; class names must be unique");
            }
            double share = c.Number("share", NumberRule.Between(0, 1) with { MinInclusive = false });
            double? deadline = c.Find("deadline_hours") is null ? null
                : c.Number("deadline_hours", NumberRule.Positive.AtMost(TrafficClassSpec.MaxDeadlineHours));
            if (deadline < TrafficClassSpec.MinDeadlineHours)
            {
                throw c.Error(c.Required("deadline_hours"), "deadline_hours",
                    $"is {deadline:G6} h, under one minute (1/60 h): the minute engine holds deferred tokens in whole minutes");
            }
            if (deadline is null && c.Find("api_batch_discount") is { } stray)
            {
                throw c.Error(stray, "api_batch_discount", "goes with deadline_hours: an interactive class never waits for the batch API");
            }
            double? discount = c.Find("api_batch_discount") is null ? null : c.Number("api_batch_discount", NumberRule.ShareBelowOne);
            classes.Add(new TrafficClassSpec(name, share, deadline, discount));
        }
        double sum = classes.Sum(k => k.Share);
        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw t.Error(node, "classes", $"shares sum to {sum:G10}, not 1: each class's share is its part of the processed tokens");
        }
        // Where the key is, for the verbs that refuse classes later (the exception carries the file:line:column).
        return new TrafficClasses(classes, t.Error(node, "classes", "").Location);
    }
}
