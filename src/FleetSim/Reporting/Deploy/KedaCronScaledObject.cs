using System.Globalization;
using FleetSim.Scenario;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Reporting.Deploy;

/// <summary>
/// Writes a KEDA ScaledObject (keda.sh/v1alpha1) that runs a schedule with <c>cron</c> triggers
/// (<see cref="ScheduleTriggers"/>): minReplicaCount the lowest count, maxReplicaCount the highest, each
/// trigger asking its count from the scenario's provisioning minutes before its hours, and an HPA
/// behavior that follows the triggers at once (no scale-down stabilization), as FleetSim's schedule
/// changes the fleet at the minute the plan says.
/// </summary>
public static class KedaCronScaledObject
{
    /// <summary>The ScaledObject text for the schedule in <paramref name="choice"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The choice has no weekday or weekend levels, a list is not 24 counts, or every count is 0 (nothing to run).
    /// </exception>
    public static string Write(ScenarioSpec scenario, DeployChoice choice)
    {
        if (choice.WeekdayLevels is not { } weekday || choice.WeekendLevels is not { } weekend)
        {
            throw new ArgumentException("a schedule's ScaledObject needs its weekday and weekend levels", nameof(choice));
        }
        int lead = LeadMinutes(scenario);
        ScheduleTriggers schedule = ScheduleTriggers.For(weekday, weekend, lead);
        if (schedule.MaxReplicas == 0)
        {
            throw new ArgumentException("the schedule asks for 0 replicas at every hour: there is nothing to scale", nameof(choice));
        }

        var triggers = new YamlSequenceNode();
        IReadOnlyList<CronTrigger> cron = schedule.Triggers.Count > 0 ? schedule.Triggers
            // A flat schedule: KEDA needs one trigger; this one asks for the count minReplicaCount already holds.
            : [new CronTrigger(schedule.MaxReplicas, 0, 12 * 60, [0, 1, 2, 3, 4, 5, 6])];
        foreach (CronTrigger trigger in cron)
        {
            triggers.Add(new YamlMappingNode
            {
                { "type", DeployYaml.Text("cron") },
                {
                    "metadata", new YamlMappingNode
                    {
                        { "timezone", DeployYaml.Text(choice.TimeZone) },
                        { "start", DeployYaml.Text(trigger.Start) },
                        { "end", DeployYaml.Text(trigger.End) },
                        { "desiredReplicas", DeployYaml.Text(trigger.Replicas.ToString(CultureInfo.InvariantCulture)) },
                    }
                },
            });
        }

        var behavior = new YamlMappingNode
        {
            { "scaleUp", KedaObjects.Rules(0, "Max", [("Pods", schedule.MaxReplicas, 15)]) },
            { "scaleDown", KedaObjects.Rules(0, "Max", [("Percent", 100, 15)]) },
        };
        var spec = new YamlMappingNode
        {
            { "scaleTargetRef", KedaObjects.Target(choice.DeploymentName) },
            { "minReplicaCount", DeployYaml.Number(schedule.MinReplicas) },
            { "maxReplicaCount", DeployYaml.Number(schedule.MaxReplicas) },
        };
        var comments = DeployYaml.Comments();
        if (schedule.MinReplicas == 0)
        {
            var cooldown = DeployYaml.Number(0);
            spec.Add("cooldownPeriod", cooldown);
            comments[cooldown] = ["Down to zero as soon as no trigger is active, as the schedule does (KEDA's default waits 300 s)."];
        }
        spec.Add("advanced", new YamlMappingNode { { "horizontalPodAutoscalerConfig", new YamlMappingNode { { "behavior", behavior } } } });
        spec.Add("triggers", triggers);
        comments[triggers] =
        [
            $"Each trigger starts {lead} min before its hours: the scenario's provisioning_minutes ({scenario.Scaling.ProvisioningMinutes.ToString("0.##", CultureInfo.InvariantCulture)}),",
            "so new nodes are up when the hour begins (FleetSim's schedule asks a provisioning delay early).",
            "KEDA runs the largest desiredReplicas of the active triggers, and minReplicaCount when none is active.",
        ];

        var root = new YamlMappingNode
        {
            { "apiVersion", DeployYaml.Text("keda.sh/v1alpha1") },
            { "kind", DeployYaml.Text("ScaledObject") },
            { "metadata", KedaObjects.Metadata($"{choice.DeploymentName}-schedule") },
            { "spec", spec },
        };
        string[] header =
        [
            $"KEDA ScaledObject written by FleetSim from scenario '{scenario.Name}', policy {choice.PolicyName}:",
            $"Deployment {choice.DeploymentName} at {schedule.MinReplicas} to {schedule.MaxReplicas} replicas by hour of day in {choice.TimeZone}",
            "(weekdays Monday to Friday, weekends Saturday and Sunday). The cluster autoscaler adds the nodes.",
        ];
        return DeployYaml.Write(root, header, comments);
    }

    /// <summary>The scenario's provisioning time in whole minutes, rounded up (cron has minutes): the triggers' lead.</summary>
    public static int LeadMinutes(ScenarioSpec scenario) =>
        Math.Min(ScheduleTriggers.MinutesPerDay - 1, (int)Math.Ceiling(scenario.Scaling.ProvisioningMinutes));
}
