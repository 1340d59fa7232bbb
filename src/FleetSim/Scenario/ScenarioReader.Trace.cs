using FleetSim.Traffic.Traces;

namespace FleetSim.Scenario;

/// <summary>traffic: { trace: FILE, ... }: a recorded trace as the traffic.</summary>
internal sealed partial class ScenarioReader
{
    /// <summary>The keys that go with traffic.trace and nothing else.</summary>
    private static readonly string[] TraceOnlyKeys =
        ["trace_format", "trace_columns", "trace_timezone", "trace_from", "trace_to", "trace_model", "skip_bad_rows", "scale_to_monthly_tokens"];

    private TrafficSpec ReadTraceTraffic(MappingReader t, string file)
    {
        if (t.Find("daily_shape") is { } shapeNode)
        {
            throw t.Error(shapeNode, "daily_shape", "goes with a fitted shape; traffic.trace brings its own");
        }
        foreach (string factor in new[] { "weekday_factor", "weekend_factor" })
        {
            if (t.Find(factor) is { } node)
            {
                throw t.Error(node, factor, "goes with a fitted shape; traffic.trace brings its own week on its own clock " +
                                            "(set trace_timezone for a dated trace, or use trace fit to get a shape with factors you can edit)");
            }
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
                c.Number("timestamp_unit", NumberRule.Between(1e-9, 1e6), 1));
        }
        string? zone = t.Text("trace_timezone");
        if (zone is not null)
        {
            try
            {
                TraceClock.Find(zone);
            }
            catch (ArgumentException e)
            {
                throw t.Error(t.Required("trace_timezone"), "trace_timezone", e.Message);
            }
        }
        TraceWindow? window = null;
        string? from = t.Text("trace_from"), to = t.Text("trace_to");
        if (from is not null || to is not null)
        {
            string given = from is null ? "trace_to" : "trace_from";
            if (from is null || to is null)
            {
                throw t.Error(t.Required(given), given, $"goes with {(from is null ? "trace_from" : "trace_to")}: give both ends of the export's window");
            }
            (window, string? problem) = TraceWindow.Parse(from, to);
            if (problem is not null)
            {
                throw t.Error(t.Required("trace_from"), "trace_from", problem);
            }
        }
        bool skip = t.Flag("skip_bad_rows", false);
        var options = new TraceOptions(format, skip, columns, Model: t.Text("trace_model"));
        TraceProfile profile;
        try
        {
            profile = TraceProfile.Read(ExistingFile(t, "trace", file), options, zone, window);
        }
        catch (TraceException e) when (e.Option is { } option)
        {
            // A problem with a reading option is the scenario's, at the key that set it.
            string key = option switch { "model" => "trace_model", "window" => "trace_from", _ => "trace_columns" };
            YamlDotNet.RepresentationModel.YamlNode node = t.Find(key) ?? t.Find("trace_format") ?? t.Required("trace");
            throw t.Error(node, key, e.Message);
        }
        _warnings.AddRange(ReadingNotes(profile));
        double monthly = t.Find("scale_to_monthly_tokens") is not null
            ? t.Number("scale_to_monthly_tokens", NumberRule.Positive.AtMost(InputLimits.MaxMonthlyTokens))
            : t.Number("monthly_processed_tokens", NumberRule.Positive.AtMost(InputLimits.MaxMonthlyTokens), profile.MonthlyTokens);
        // The trace's requests are the requests: their sizes are its own. What a trace may not record is
        // how much of each prompt a replica's prefix cache holds, which the mix may say.
        double cacheHit = Math.Min(profile.CacheHitShare, 0.999);
        if (t.Mapping("request_mix") is { } m)
        {
            m.Allow("cache_hit_share", "processed_tokens", "output_tokens", "size_distribution", "size_cv");
            foreach (string key in new[] { "processed_tokens", "output_tokens", "size_distribution", "size_cv" })
            {
                if (m.Find(key) is { } node)
                {
                    throw m.Error(node, key, "goes with a fitted shape: beside traffic.trace the requests and their sizes are the trace's own " +
                                             "(only cache_hit_share may be given, for a trace that does not record cached prompt tokens)");
                }
            }
            if (m.Find("cache_hit_share") is { } share && profile.CachedInputTokens > 0)
            {
                throw m.Error(share, "cache_hit_share", $"the trace records its cached prompt tokens ({profile.CacheHitShare:P1} of its prompt tokens); " +
                                                        "remove cache_hit_share, which is for a trace that does not");
            }
            cacheHit = m.Number("cache_hit_share", NumberRule.ShareBelowOne, cacheHit);
        }
        var mix = new RequestMix(profile.MeanProcessedTokens, Math.Clamp(profile.MeanOutputTokens, 1e-9, profile.MeanProcessedTokens * 0.999), cacheHit);
        NoiseSpec noise = t.Mapping("noise") is { } n ? ReadNoise(n) : NoiseSpec.None;
        return new TrafficSpec(monthly, new TraceShape(profile), 1, 1, mix) { Noise = noise };
    }

    /// <summary>What reading the trace left out or changed, for the run's warnings.</summary>
    private static IEnumerable<string> ReadingNotes(TraceProfile p)
    {
        TraceStats s = p.Stats;
        string file = Path.GetFileName(p.Path);
        foreach (string note in p.ClockNotes)
        {
            yield return $"traffic.trace {file}: {note}";
        }
        if (s.BadRows > 0)
        {
            yield return $"traffic.trace {file}: {s.BadRows:N0} of {s.Rows:N0} rows were malformed and skipped (skip_bad_rows)";
        }
        if (s.FailedRequests > 0)
        {
            yield return $"traffic.trace {file}: {s.FailedRequests:N0} failed requests (no response tokens) left out";
        }
        if (s.ResponseCacheHits > 0)
        {
            yield return $"traffic.trace {file}: {s.ResponseCacheHits:N0} calls answered from the gateway's response cache (they reached no model) left out";
        }
        if (s.OtherModelRows > 0)
        {
            yield return $"traffic.trace {file}: {s.OtherModelRows:N0} rows of models other than '{p.Options.Model}' left out";
        }
        if (p.Options.Model is null && s.Models.Count > 1)
        {
            yield return $"traffic.trace {file}: the file mixes models ({string.Join(", ", s.Models)}{(s.MoreModels ? ", and more" : "")}) and all are the traffic; set trace_model to keep one";
        }
        if (s.ReorderedRows > 0)
        {
            yield return $"traffic.trace {file}: {s.ReorderedRows:N0} rows out of time order (at most {s.MaxReorderSeconds:0.#} s) were put back in order";
        }
    }
}
