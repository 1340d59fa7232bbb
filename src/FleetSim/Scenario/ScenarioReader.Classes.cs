using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

internal sealed partial class ScenarioReader
{
    /// <summary>
    /// <c>traffic.classes</c>: a list of 1 to <see cref="TrafficClasses.MaxClasses"/> classes
    /// <c>{name, share, deadline_hours?, api_batch_discount?, priority?, reserved_slots?}</c>, names unique, shares summing to 1 within 1e−9;
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
            throw t.Error(node, "classes", $"expected a list of classes {{name, share, deadline_hours?, api_batch_discount?, priority?, reserved_slots?}}, found {(node is YamlSequenceNode ? "an empty list" : MappingReader.Describe(node))}");
        }
        if (list.Children.Count > TrafficClasses.MaxClasses)
        {
            throw t.Error(node, "classes", $"lists {list.Children.Count} classes; at most {TrafficClasses.MaxClasses} are allowed");
        }
        var classes = new List<TrafficClassSpec>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            MappingReader c = t.AsMapping(list.Children[i], $"{path}[{i}]").Allow("name", "share", "deadline_hours", "api_batch_discount", "priority", "reserved_slots");
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
            if (deadline is not null && (c.Find("priority") ?? c.Find("reserved_slots")) is { } ranked)
            {
                string key = c.Find("priority") is not null ? "priority" : "reserved_slots";
                throw c.Error(ranked, key,
                    "goes with an interactive class: a class with deadline_hours is held for the fleet's spare capacity and always yields to the interactive ones");
            }
            int priority = c.Integer("priority", NumberRule.Between(0, TrafficClassSpec.LowestPriority), TrafficClassSpec.DefaultPriority);
            int reserved = c.Integer("reserved_slots", NumberRule.NonNegative.AtMost(InputLimits.MaxReplicas), 0);
            classes.Add(new TrafficClassSpec(name, share, deadline, discount) { Priority = priority, ReservedSlots = reserved });
        }
        double sum = classes.Sum(k => k.Share);
        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw t.Error(node, "classes", $"shares sum to {sum:G10}, not 1: each class's share is its part of the processed tokens");
        }
        for (int i = 0; i < classes.Count; i++)
        {
            if (classes[i].ReservedSlots > 0 && !classes.Any(k => !k.Deferrable && k.Priority > classes[i].Priority))
            {
                MappingReader c = t.AsMapping(list.Children[i], $"{path}[{i}]");
                throw c.Error(c.Required("reserved_slots"), "reserved_slots",
                    $"keeps slots from the less important classes, and no interactive class is less important than '{classes[i].Name}' (priority {classes[i].Priority}; " +
                    "lower numbers come first): give the class a priority below theirs, or remove reserved_slots");
            }
        }
        // Where the key is, for the verbs that refuse classes later (the exception carries the file:line:column).
        return new TrafficClasses(classes, t.Error(node, "classes", "").Location);
    }

    /// <summary>
    /// Checks the classes' priorities against the router that must honour them: <c>reserved_slots</c> runs on
    /// router.mode spill over slot replicas (closed form and request rule); differing priorities order router.mode
    /// queue's wait lines; cooldown and litellm model no priority and refuse. Priorities that change nothing
    /// (spill without reserved slots, fluid) are said in a warning.
    /// </summary>
    /// <exception cref="ScenarioException">At <c>traffic.classes</c>, naming the router mode, when the router cannot honour them.</exception>
    private void CheckPriorities(TrafficClasses? classes, RouterSpec router, ReplicaSpec replica)
    {
        if (classes is null || (!classes.ReservesSlots && !classes.RanksInteractive))
        {
            return;
        }
        string mode = RouterModes.Name(router.Mode);
        if (classes.ReservesSlots && router.Mode != RouterMode.Spill)
        {
            throw new ScenarioException(classes.Location, "traffic.classes",
                $"reserved_slots keeps slots of a spill router (router.mode spill), and router.mode is {mode}: " +
                (router.Mode == RouterMode.Queue
                    ? "under the queue router a class's priority orders the wait line instead (remove reserved_slots); reserved slots with waiting are not modelled"
                    : router.Mode == RouterMode.Fluid ? "the fluid router has no slots to reserve" : "FleetSim models no slot reservation for it"));
        }
        if (replica.SharesByLoad && (classes.ReservesSlots || router.Mode == RouterMode.Queue))
        {
            throw new ScenarioException(classes.Location, "traffic.classes",
                "priorities among classes are modelled on slot replicas (each request at processed_tokens_per_second ÷ max_in_flight); " +
                "replica.curve makes requests share a replica's pace, which neither the reservation's closed form nor the priority queue follows; remove the curve or the priorities");
        }
        if (router.Mode is RouterMode.Cooldown or RouterMode.LiteLlm)
        {
            throw new ScenarioException(classes.Location, "traffic.classes",
                $"the classes differ in priority, and router.mode {mode} models none (LiteLLM's scheduler queue, litellm/scheduler.py, is not modelled " +
                "on its semaphores); use router.mode spill with reserved_slots, or router.mode queue, whose wait line is ordered by priority");
        }
        if (!classes.ReservesSlots && router.Mode is RouterMode.Spill or RouterMode.Fluid)
        {
            _warnings.Add($"traffic.classes: priority changes nothing under router.mode {mode} without reserved_slots " +
                          "(no request waits, so none can go first); reserved_slots keeps slots for the more important classes");
        }
    }
}
