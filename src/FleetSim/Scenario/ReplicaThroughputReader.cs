using FleetSim.Units;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>
/// What a replica serves, as a scenario's <c>replica:</c> and a catalogue's <c>replicas:</c> both write it:
/// <c>max_in_flight</c>, <c>processed_tokens_per_second</c>, an optional <c>throughput_curve</c> of
/// [in_flight, processed_tokens_per_second] pairs (at most <see cref="InputLimits.MaxCurvePoints"/>) and an
/// optional <c>prefill_tokens_per_second</c>. One reader, so both files refuse the same mistakes with the same words.
/// </summary>
internal static class ReplicaThroughputReader
{
    /// <summary>The most requests a replica may run at once.</summary>
    public const int MaxInFlight = 10_000;

    /// <summary>The replica's max in flight, tok/s at it, measured curve (or null) and prefill rate (or null).</summary>
    /// <param name="curveEndsAtMax">True: a curve point past max_in_flight is refused (a catalogue, whose replicas run at their max).</param>
    /// <exception cref="ScenarioException">A value is missing, out of range, or the curve and the tok/s disagree.</exception>
    public static (int MaxInFlight, TokensPerSecond Throughput, ThroughputCurve? Curve, TokensPerSecond? Prefill) Read(MappingReader r, bool curveEndsAtMax)
    {
        List<(int InFlight, double TokensPerSecond)>? points = r.Find("throughput_curve") is { } curveNode ? ReadCurvePoints(r, curveNode) : null;
        int inFlight = r.Integer("max_in_flight", NumberRule.AtLeastOne.AtMost(MaxInFlight), points?[^1].InFlight);
        ThroughputCurve? curve = null;
        if (points is not null)
        {
            if (curveEndsAtMax && points[^1].InFlight > inFlight)
            {
                throw r.Error(r.Required("throughput_curve"), "throughput_curve",
                    $"ends at {points[^1].InFlight} in flight, past max_in_flight {inFlight}: end the curve at max_in_flight (drop the later points), or raise max_in_flight");
            }
            try
            {
                curve = ThroughputCurve.Of(points, inFlight);
            }
            catch (ArgumentException e)
            {
                throw r.Error(r.Required("throughput_curve"), "throughput_curve", e.Message);
            }
        }
        double tokS = r.Number("processed_tokens_per_second", NumberRule.Positive.AtMost(1e9), curve?.At(inFlight));
        if (curve is not null && Math.Abs(tokS - curve.At(inFlight)) > 1e-9 * tokS)
        {
            throw r.Error(r.Required("processed_tokens_per_second"), "processed_tokens_per_second",
                $"is {tokS:G6} but throughput_curve gives {curve.At(inFlight):G6} at max_in_flight {inFlight}: give one of them, or make them agree");
        }
        TokensPerSecond? prefill = r.Find("prefill_tokens_per_second") is null
            ? null
            : new TokensPerSecond(r.Number("prefill_tokens_per_second", NumberRule.Between(InputLimits.LeastPrefillTokensPerSecond, InputLimits.MostPrefillTokensPerSecond)));
        return (inFlight, new TokensPerSecond(tokS), curve, prefill);
    }

    private static List<(int, double)> ReadCurvePoints(MappingReader r, YamlNode node)
    {
        string path = r.PathOf("throughput_curve");
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw r.Error(node, "throughput_curve",
                $"expected a list of [in_flight, processed_tokens_per_second] pairs, found {(node is YamlSequenceNode ? "an empty list" : MappingReader.Describe(node))}");
        }
        if (list.Children.Count > InputLimits.MaxCurvePoints)
        {
            throw r.Error(node, "throughput_curve", $"has {list.Children.Count:N0} points; at most {InputLimits.MaxCurvePoints:N0}");
        }
        var points = new List<(int, double)>(list.Children.Count);
        for (int i = 0; i < list.Children.Count; i++)
        {
            string at = $"{path}[{i}]";
            if (list.Children[i] is not YamlSequenceNode pair || pair.Children.Count != 2)
            {
                throw r.Error(list.Children[i], "throughput_curve",
                    $"point {i + 1}: expected [in_flight, processed_tokens_per_second], found {MappingReader.Describe(list.Children[i])}");
            }
            points.Add((r.ReadInteger(pair.Children[0], at, NumberRule.AtLeastOne.AtMost(MaxInFlight)),
                        r.ReadNumber(pair.Children[1], at, NumberRule.Positive.AtMost(1e9))));
        }
        return points;
    }
}
