using FleetSim.Units;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>A catalogue's <c>replicas</c>: what one replica of a model does on one GPU type at one tensor-parallel size.</summary>
public static partial class NodeCatalogueReader
{
    private static CatalogueReplica ReadReplica(MappingReader r)
    {
        r.Allow("model", "gpu", "tensor_parallel", "max_in_flight", "processed_tokens_per_second", "throughput_curve", "prefill_tokens_per_second", "basis");
        string model = RequiredLabel(r, "model");
        string gpu = RequiredLabel(r, "gpu");
        int tensorParallel = r.Integer("tensor_parallel", NumberRule.AtLeastOne.AtMost(MaxGpusPerNode));
        (int inFlight, TokensPerSecond tokS, ThroughputCurve? curve, TokensPerSecond? prefill) = ReplicaThroughputReader.Read(r, curveEndsAtMax: true);
        FigureBasis basis = ReadBasis(r);
        return new CatalogueReplica(model, gpu, tensorParallel, inFlight, tokS, curve, prefill, basis);
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
