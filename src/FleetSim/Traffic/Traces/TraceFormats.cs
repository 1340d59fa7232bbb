namespace FleetSim.Traffic.Traces;

/// <summary>Trace format names as users write them: azure, burstgpt, mooncake, per-minute, generic.</summary>
public static class TraceFormats
{
    public const string Names = "azure, burstgpt, mooncake, per-minute or generic";

    /// <summary>The format named <paramref name="name"/>, or null when the name is not one of <see cref="Names"/>.</summary>
    public static TraceFormat? Parse(string name) => name switch
    {
        "azure" => TraceFormat.Azure,
        "burstgpt" => TraceFormat.BurstGpt,
        "mooncake" => TraceFormat.Mooncake,
        "per-minute" => TraceFormat.PerMinute,
        "generic" => TraceFormat.Generic,
        _ => null,
    };
}
