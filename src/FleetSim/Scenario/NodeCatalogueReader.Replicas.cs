using FleetSim.Units;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>A catalogue's <c>replicas</c>: what one replica of a model does on one GPU type at one tensor-parallel size.</summary>
public static partial class NodeCatalogueReader
{
    /// <summary>The most requests a replica may run at once: 10,000, as <c>replica.max_in_flight</c> in a scenario.</summary>
    private const int MaxInFlight = 10_000;

    private static CatalogueReplica ReadReplica(MappingReader r)
    {
        r.Allow("model", "gpu", "tensor_parallel", "max_in_flight", "processed_tokens_per_second", "throughput_curve", "prefill_tokens_per_second", "basis");
        string model = RequiredLabel(r, "model");
        string gpu = RequiredLabel(r, "gpu");
        int tensorParallel = r.Integer("tensor_parallel", NumberRule.AtLeastOne.AtMost(MaxGpusPerNode));
        List<(int InFlight, double TokensPerSecond)>? points = r.Find("throughput_curve") is { } curveNode ? ReadCurvePoints(r, curveNode) : null;
        int inFlight = r.Integer("max_in_flight", NumberRule.AtLeastOne.AtMost(MaxInFlight), points?[^1].InFlight);
        ThroughputCurve? curve = points is null ? null : CurveOf(r, points, inFlight);
        double tokS = r.Number("processed_tokens_per_second", NumberRule.Positive.AtMost(1e9), curve?.At(inFlight));
        if (curve is not null && Math.Abs(tokS - curve.At(inFlight)) > 1e-9 * tokS)
        {
            throw r.Error(r.Required("processed_tokens_per_second"), "processed_tokens_per_second",
                $"is {tokS:G6} but throughput_curve gives {curve.At(inFlight):G6} at max_in_flight {inFlight}: give one of them, or make them agree");
        }
        TokensPerSecond? prefill = r.Find("prefill_tokens_per_second") is null
            ? null
            : new TokensPerSecond(r.Number("prefill_tokens_per_second", NumberRule.Positive.AtMost(1e10)));
        FigureBasis basis = ReadBasis(r);
        return new CatalogueReplica(model, gpu, tensorParallel, inFlight, new TokensPerSecond(tokS), curve, prefill, basis);
    }

    /// <summary>
    /// The curve through <paramref name="points"/>, which must end exactly at <paramref name="maxInFlight"/>: a catalogue
    /// replica runs at its max in flight, and a point past it would be a measurement the plan never uses.
    /// </summary>
    private static ThroughputCurve CurveOf(MappingReader r, List<(int InFlight, double TokensPerSecond)> points, int maxInFlight)
    {
        if (points[^1].InFlight > maxInFlight)
        {
            throw r.Error(r.Required("throughput_curve"), "throughput_curve",
                $"ends at {points[^1].InFlight} in flight, past max_in_flight {maxInFlight}: end the curve at max_in_flight (drop the later points), or raise max_in_flight");
        }
        try
        {
            return ThroughputCurve.Of(points, maxInFlight);
        }
        catch (ArgumentException e)
        {
            throw r.Error(r.Required("throughput_curve"), "throughput_curve", e.Message);
        }
    }

    /// <summary>
    /// <c>throughput_curve</c>: a list of [in_flight, processed_tokens_per_second] pairs, at most
    /// <see cref="InputLimits.MaxCurvePoints"/>, as <c>replica.throughput_curve</c> in a scenario.
    /// </summary>
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

    /// <summary><c>basis</c>: <c>measured</c> or <c>estimated</c>, required so that no derived figure passes for a measurement.</summary>
    private static FigureBasis ReadBasis(MappingReader r)
    {
        string[] allowed = ["measured", "estimated"];
        string text = r.Text("basis")
            ?? throw r.Error(r.Node, "basis", "is required but missing: measured (a benchmark the file cites) or estimated (derived; say how in a comment)");
        return text switch
        {
            "measured" => FigureBasis.Measured,
            "estimated" => FigureBasis.Estimated,
            _ => throw r.Error(r.Required("basis"), "basis",
                $"expected measured or estimated, found '{text}'{(Spelling.Closest(text, allowed) is { } near ? $" (did you mean '{near}'?)" : "")}"),
        };
    }

    /// <summary>
    /// Across the lists: (model, GPU, tensor parallel) is unique, and every replica's GPU is offered by some node type
    /// whose largest instance holds its tensor-parallel group (multi-node replicas are not modelled).
    /// </summary>
    private static void CheckReplicas(List<(NodeType Value, MappingReader Section)> nodeTypes, List<(CatalogueReplica Value, MappingReader Section)> replicas)
    {
        var seen = new Dictionary<(string, string, int), int>();
        for (int i = 0; i < replicas.Count; i++)
        {
            var (replica, section) = replicas[i];
            var key = (replica.Model.ToUpperInvariant(), replica.Gpu.ToUpperInvariant(), replica.TensorParallel);
            if (seen.TryGetValue(key, out int first))
            {
                throw section.Error(section.Required("tensor_parallel"), "tensor_parallel",
                    $"replicas[{first}] (line {replicas[first].Section.Node.Start.Line}) is already {replica.Model} on {replica.Gpu} at tensor_parallel {replica.TensorParallel}; " +
                    "each (model, gpu, tensor_parallel) appears once");
            }
            seen[key] = i;

            NodeType[] offering = [.. nodeTypes.Select(n => n.Value).Where(n => string.Equals(n.Gpu, replica.Gpu, StringComparison.OrdinalIgnoreCase))];
            if (offering.Length == 0)
            {
                string[] gpus = [.. nodeTypes.Select(n => n.Value.Gpu).Distinct(StringComparer.OrdinalIgnoreCase)];
                string near = Spelling.Closest(replica.Gpu, gpus) is { } g ? $" (did you mean '{g}'?)" : "";
                throw section.Error(section.Required("gpu"), "gpu",
                    $"no node type offers GPU '{replica.Gpu}'{near}; node_types offer {string.Join(", ", gpus)}");
            }
            int widest = offering.Max(n => n.GpusPerNode);
            if (replica.TensorParallel > widest)
            {
                throw section.Error(section.Required("tensor_parallel"), "tensor_parallel",
                    $"a replica of {replica.TensorParallel} GPUs does not fit on any node type offering {replica.Gpu} (the largest has {widest}); multi-node replicas are not modelled");
            }
        }
    }
}
