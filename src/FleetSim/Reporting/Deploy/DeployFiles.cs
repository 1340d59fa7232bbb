using FleetSim.Scenario;

namespace FleetSim.Reporting.Deploy;

/// <summary>
/// The files `fleetsim plan` writes under DIR/deploy/ for its chosen fleet: always the LiteLLM proxy
/// config; for a schedule, a KEDA ScaledObject with cron triggers; for the reactive policy, an HPA v2
/// manifest, or a KEDA ScaledObject when it scales to zero. Pure: the caller writes the files.
/// See docs/deploy.md for what each file assumes.
/// </summary>
public static class DeployFiles
{
    /// <summary>The deploy files for <paramref name="choice"/> on <paramref name="scenario"/>, as (file name, text) pairs.</summary>
    /// <exception cref="ArgumentException">
    /// The choice lists fewer than one replica, or is a schedule without 24 weekday and 24 weekend levels.
    /// </exception>
    public static IReadOnlyList<(string FileName, string Text)> For(ScenarioSpec scenario, DeployChoice choice)
    {
        var files = new List<(string, string)> { (LiteLlmProxyConfig.FileName, LiteLlmProxyConfig.Write(scenario, choice)) };
        switch (choice.PolicyName)
        {
            // A schedule of zero replicas at every hour has nothing to scale (the API takes everything): no ScaledObject.
            case "schedule" when choice.WeekdayLevels is not { } weekday || choice.WeekendLevels is not { } weekend || weekday.Concat(weekend).Any(n => n > 0):
                files.Add((KedaObjects.ScaledObjectFileName, KedaCronScaledObject.Write(scenario, choice)));
                break;
            case "reactive":
                files.Add(scenario.Scaling.Reactive.ScalesToZero
                    ? (KedaObjects.ScaledObjectFileName, KedaReactiveScaledObject.Write(scenario, choice))
                    : (HpaManifest.FileName, HpaManifest.Write(scenario, choice)));
                break;
        }
        return files;
    }
}
