using FleetSim.Traffic.Traces;

namespace FleetSim.Scenario;

/// <summary>traffic: { trace: FILE, ... }: a recorded trace as the traffic.</summary>
internal sealed partial class ScenarioReader
{
    private TrafficSpec ReadTraceTraffic(MappingReader t, string file)
    {
        if (t.Find("daily_shape") is { } shapeNode)
        {
            throw t.Error(shapeNode, "daily_shape", "goes with a fitted shape; traffic.trace brings its own");
        }
        string? formatText = t.Text("trace_format");
        TraceFormat? format = formatText is null ? null
            : TraceFormats.Parse(formatText) ?? throw t.Error(t.Required("trace_format"), "trace_format", TraceFormats.Unknown(formatText));
        GenericColumns? columns = null;
        if (t.Mapping("trace_columns") is { } c)
        {
            c.Allow("timestamp", "input_tokens", "output_tokens", "timestamp_unit");
            columns = new GenericColumns(
                c.Text("timestamp") ?? throw c.Error(c.Node, "timestamp", "is required but missing"),
                c.Text("input_tokens") ?? throw c.Error(c.Node, "input_tokens", "is required but missing"),
                c.Text("output_tokens") ?? throw c.Error(c.Node, "output_tokens", "is required but missing"),
                c.Number("timestamp_unit", NumberRule.Positive.AtMost(1e6), 1));
        }
        bool skip = t.Text("skip_bad_rows") is "true" or "yes";
        TraceProfile profile = TraceProfile.Read(Resolve(file), new TraceOptions(format, skip, columns));
        double monthly = t.Find("scale_to_monthly_tokens") is not null
            ? t.Number("scale_to_monthly_tokens", NumberRule.Positive.AtMost(1e18))
            : t.Number("monthly_processed_tokens", NumberRule.Positive.AtMost(1e18), profile.MonthlyTokens);
        RequestMix mix = t.Mapping("request_mix") is { } m
            ? ReadRequestMix(m)
            : new RequestMix(profile.MeanProcessedTokens, Math.Clamp(profile.MeanOutputTokens, 1e-9, profile.MeanProcessedTokens * 0.999), 0);
        NoiseSpec noise = t.Mapping("noise") is { } n ? ReadNoise(n) : NoiseSpec.None;
        return new TrafficSpec(monthly, new TraceShape(profile), 1, 1, mix) { Noise = noise };
    }
}
