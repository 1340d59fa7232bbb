using FleetSim.Units;
using System.Globalization;
using FleetSim.Scenario;

namespace FleetSim.Reporting.Report;

/// <summary>Every value a run used, defaults included, as key path and value: the report's assumptions.</summary>
public static class ScenarioAssumptions
{
    public static IReadOnlyList<(string Key, string Value)> Of(ScenarioSpec s)
    {
        var list = new List<(string, string)>();
        void Add(string key, object? value) => list.Add((key, Format(value)));
        Add("name", s.Name);
        Add("horizon_hours", s.Horizon.Value);
        Add("seed", s.Seed);
        Add("traffic.monthly_processed_tokens", s.Traffic.MonthlyProcessedTokens);
        switch (s.Traffic.DailyShape)
        {
            case PercentileShape p:
                Add("traffic.daily_shape.hourly_percentiles", $"trough {p.Trough:G}, p50 {p.P50:G}, p90 {p.P90:G}, p99 {p.P99:G} tok/s");
                Add("traffic.daily_shape.peak_hour", p.PeakHour);
                break;
            case TraceShape t:
                Add("traffic.trace", $"{t.Profile.Path}: {Quantity.Count(t.Profile.Requests, "request")} over {Quantity.Count(t.Profile.Minutes, "minute")} ({Traffic.Traces.TraceFormats.Name(t.Profile.Stats.Format)}), starting {t.Profile.Clock.Describe()}");
                break;
            case HourlyShape h:
                Add("traffic.daily_shape.hourly", string.Join(", ", h.Levels.Select(v => v.ToString("G", CultureInfo.InvariantCulture))));
                break;
        }
        Add("traffic.weekday_factor", s.Traffic.WeekdayFactor);
        Add("traffic.weekend_factor", s.Traffic.WeekendFactor);
        RequestMix mix = s.Traffic.RequestMix;
        Add("traffic.request_mix.processed_tokens", mix.ProcessedTokens);
        Add("traffic.request_mix.output_tokens", mix.OutputTokens);
        Add("traffic.request_mix.cache_hit_share", mix.CacheHitShare);
        Add("traffic.request_mix.size_distribution", mix.Sizes == SizeDistribution.Exponential ? "exponential" : "lognormal");
        Add("traffic.request_mix.size_cv", mix.SizeCv);
        NoiseSpec n = s.Traffic.Noise;
        Add("traffic.noise.minute_cv", n.MinuteCv);
        Add("traffic.noise.minute_correlation", n.MinuteCorrelation);
        Add("traffic.noise.daily_cv", n.DailyCv);
        Add("traffic.noise.growth_per_month", n.GrowthPerMonth);
        Add("traffic.noise.bursts", n.Bursts is { } b ? $"{b.PerDay:G} a day, +{b.Height:P0} for {b.Minutes:G} min" : "none");
        ReplicaSpec r = s.Replica;
        Add("replica.gpus", r.Gpus);
        Add("replica.gpus_per_node", r.GpusPerNode);
        bool lowered = s.SloInFlight is { } slo && r.MaxInFlight < slo.Configured;
        Add("replica.processed_tokens_per_second", lowered ? $"{r.Throughput.Value:G} (R at the SLO's max in flight)" : r.Throughput.Value);
        Add("replica.max_in_flight", lowered ? $"{r.MaxInFlight} (lowered from {s.SloInFlight!.Configured} to meet slo)" : r.MaxInFlight);
        Add("replica.usd_per_gpu_hour", r.GpuPrice.Value);
        Add("replica.prefill_tokens_per_second", lowered ? $"{r.Prefill.Value:G} (as at max_in_flight {s.SloInFlight!.Configured}: admitting fewer does not slow prefill)" : r.Prefill.Value);
        if (r.MeasuredCurve is { } curve)
        {
            Add("replica.throughput_curve", string.Join(", ", curve.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.InFlight}, {p.TokensPerSecond:G}]"))));
        }
        Add("fleet.replicas", s.Fleet switch { StaticFleet fixedFleet => fixedFleet.Replicas.ToString(CultureInfo.InvariantCulture), _ => "floor" });
        if (s.Slo is { } objectives)
        {
            Add("slo.ttft_p95_seconds", objectives.TimeToFirstTokenP95Seconds?.ToString("G", CultureInfo.InvariantCulture) ?? "unchecked");
            Add("slo.tpot_p95_ms", objectives.TimePerOutputTokenP95Milliseconds?.ToString("G", CultureInfo.InvariantCulture) ?? "unchecked");
            Add("slo.e2e_p95_seconds", objectives.EndToEndP95Seconds?.ToString("G", CultureInfo.InvariantCulture) ?? "unchecked");
            Add("slo.cap_in_flight", objectives.CapInFlight ? "true" : "false");
        }
        Add("router.mode", s.Router.ModeName);
        foreach (var (key, value) in Routing.Router.For(s.Router).Settings())
        {
            Add($"router.{key}", value);
        }
        Add("router.strategy", ReplicaChoices.Name(s.Router.Choice));
        Add("router.litellm_config", s.Router.LiteLlmConfig ?? "none");
        if (s.Api.Price.IsTyped)
        {
            Add("api.input_usd_per_million_tokens", s.Api.Price.InputUsdPerMillion);
            Add("api.cached_input_usd_per_million_tokens", s.Api.Price.CachedInputUsdPerMillion);
            Add("api.output_usd_per_million_tokens", s.Api.Price.OutputUsdPerMillion);
            Add("api blended for the request mix ($/M processed)", new Pricing.ScenarioPrices(s).ApiPerMillion.Value.ToString("0.0000", CultureInfo.InvariantCulture));
        }
        else
        {
            Add("api.usd_per_million_tokens", s.Api.Price.InputUsdPerMillion);
        }
        Add("api.batch_discount", s.Api.Price.BatchDiscount);
        Add("traffic.batch_share", s.Traffic.BatchShare);
        Add("pricing.base_fleet", s.Pricing.SpotBaseFleet ? "spot" : "on_demand");
        Add("api.requests_per_minute", s.Api.RequestsPerMinute?.ToString("G", CultureInfo.InvariantCulture) ?? "unlimited");
        Add("api.tokens_per_minute", s.Api.TokensPerMinute?.ToString("G", CultureInfo.InvariantCulture) ?? "unlimited");
        Add("api.outages", s.Api.Outages.Count == 0 ? "none" : string.Join("; ", s.Api.Outages.Select(o => $"from hour {o.StartHour:G} for {o.Hours:G} h")));
        ScalingSpec sc = s.Scaling;
        Add("scaling.policies", string.Join(", ", sc.Policies));
        Add("scaling.provisioning_minutes", sc.ProvisioningMinutes);
        Add("scaling.drain_minutes", sc.DrainMinutes);
        Add("scaling.max_nodes", sc.MaxNodes?.ToString(CultureInfo.InvariantCulture) ?? "no cap");
        Add("scaling.scale_down_unneeded_minutes", sc.ScaleDownUnneededMinutes);
        Add("scaling.scale_down_delay_after_add_minutes", sc.ScaleDownDelayAfterAddMinutes);
        ReactiveSpec re = sc.Reactive;
        Add("scaling.reactive", $"HPA on {ReactiveSpec.Name(re.Metric)}, target {re.TargetUtilization:G}, every {re.SyncPeriodSeconds} s " +
                                $"on a {re.MetricWindowSeconds} s metric window, replicas {re.MinReplicas}–{re.MaxReplicas}" +
                                (re.ScalesToZero ? $", to zero after {re.CooldownPeriodSeconds} s without demand (KEDA, polled every {re.PollingIntervalSeconds} s)" : ""));
        Add("scaling.reactive.scale_up", Rules(re.ScaleUp));
        Add("scaling.reactive.scale_down", Rules(re.ScaleDown));
        Add("scaling.schedule", sc.Schedule is null ? "derived from the traffic" : "given");
        Add("scaling.predictive.method", sc.Predictive.Method == ForecastMethod.HoltWinters ? "holt-winters" : "seasonal-naive");
        Add("scaling.failures", sc.Failures is { } f ? $"MTBF {f.MtbfHours:G} h, MTTR {f.MttrHours:G} h" : "none");
        PricingSpec pr = s.Pricing;
        Add("pricing.billing", $"per-{pr.Billing.ToString().ToLowerInvariant()}");
        Add("pricing.minimum_charge_minutes", pr.MinimumChargeMinutes);
        Add("pricing.reserved_nodes", pr.ReservedNodes);
        Add("pricing.reserved_usd_per_gpu_hour", pr.ReservedUsdPerGpuHour?.ToString("G", CultureInfo.InvariantCulture) ?? "the replica's price");
        Add("pricing.spot", pr.Spot is { } sp
            ? $"${sp.UsdPerGpuHour:G}/GPU-hour, {sp.PreemptionsPerNodeHour:G} preemptions per node-hour, " +
              $"{(sp.CorrelatedShare > 0 ? $"{sp.CorrelatedShare * 100:G} % of the ready spot nodes per event" : "one node per event")}, " +
              $"{sp.NoticeSeconds:G} s notice, replaced by {sp.Fallback switch { SpotFallback.OnDemand => "on-demand nodes", SpotFallback.Api => "nothing (the API)", _ => "spot" }}" +
              (sp.MaxNodes is { } cap ? $", at most {cap} spot nodes" : "")
            : "none");
        Add("pricing.bursts", pr.Bursts is { } bursts
            ? string.Join(", then ", bursts.Select(b => b == BurstPool.Spot ? "spot" : "on demand"))
            : pr.Spot is null ? "on demand" : "spot");
        return list;
    }

    private static string Rules(ScalingRulesSpec r) =>
        $"window {r.StabilizationWindowSeconds} s, tolerance {r.Tolerance:G}, select {r.Select}" +
        (r.Policies.Count == 0 ? "" : ": " + string.Join(", ", r.Policies.Select(p => $"{p.Type} {p.Value} per {p.PeriodSeconds} s")));

    private static string Format(object? value) => value switch
    {
        null => "none",
        double d => d.ToString("G", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
