using FleetSim.Units;

namespace FleetSim.Scenario;

/// <summary>
/// A catalogue of rentable GPU node types and, per model and tensor-parallel size, what one replica
/// of that model does on that GPU: what <c>fleetsim plan</c> searches. Read from YAML by
/// <see cref="NodeCatalogueReader"/> (format: docs/catalogue.md); every price carries its source and date in the file's comments.
/// </summary>
/// <param name="Name">The catalogue's label (its <c>name:</c>, else the file name).</param>
/// <param name="Path">The file it was read from, for messages and provenance.</param>
/// <param name="NodeTypes">Every node type, in file order; names are unique.</param>
/// <param name="Replicas">Every model replica, in file order; (model, GPU, tensor parallel) is unique.</param>
public sealed record NodeCatalogue(
    string Name,
    string Path,
    IReadOnlyList<NodeType> NodeTypes,
    IReadOnlyList<CatalogueReplica> Replicas)
{
    /// <summary>The replicas of <paramref name="model"/> (case-insensitive), in file order; empty when the catalogue has none.</summary>
    public IEnumerable<CatalogueReplica> ReplicasOf(string model) =>
        Replicas.Where(r => string.Equals(r.Model, model, StringComparison.OrdinalIgnoreCase));

    /// <summary>The models the catalogue has replicas for, in file order, each once.</summary>
    public IEnumerable<string> Models => Replicas.Select(r => r.Model).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>The newest <see cref="NodeType.PricesAsOf"/> in the catalogue: the date it was compiled to; null when no node type gives one.</summary>
    public DateOnly? NewestPrices => NodeTypes.Max(n => n.PricesAsOf);

    /// <summary>Days a node type's prices may be older than <see cref="NewestPrices"/> before a plan renting it says so: half a year.</summary>
    public const int StalePriceDays = 183;

    /// <summary>
    /// What a plan renting <paramref name="node"/> should say about where its prices come from: a secondary source, or
    /// prices more than <see cref="StalePriceDays"/> older than the catalogue's newest; null when neither.
    /// </summary>
    public string? PriceCaveat(NodeType node)
    {
        var said = new List<string>();
        if (node.SecondarySource)
        {
            said.Add("come from a secondary source, not the cloud's own price list");
        }
        if (node.PricesAsOf is { } asOf && NewestPrices is { } newest && newest.DayNumber - asOf.DayNumber > StalePriceDays)
        {
            int months = (int)Math.Round((newest.DayNumber - asOf.DayNumber) / 30.44);
            said.Add($"are as of {asOf:yyyy-MM-dd}, {months} months older than the catalogue's newest ({newest:yyyy-MM-dd})");
        }
        return said.Count == 0 ? null : $"{node.Name}'s prices {string.Join(" and ", said)}: check them before renting";
    }
}

/// <summary>
/// One rentable node type: a cloud's GPU instance family.
/// </summary>
/// <param name="Name">A unique label, e.g. <c>aws-p6-b200</c>.</param>
/// <param name="Cloud">The provider, e.g. <c>aws</c>, <c>azure</c>, <c>gcp</c>.</param>
/// <param name="Instance">The provider's instance name for the largest size, e.g. <c>p6-b200.48xlarge</c>.</param>
/// <param name="Gpu">The GPU model, matched against <see cref="CatalogueReplica.Gpu"/> (case-insensitive), e.g. <c>B200</c>.</param>
/// <param name="GpusPerNode">GPUs in the largest instance (8 for an HGX box).</param>
/// <param name="InstanceSizes">GPUs per rentable instance where smaller sizes are sold (ascending, each dividing <paramref name="GpusPerNode"/>, the largest equal to it); <c>[GpusPerNode]</c> when only whole nodes are sold.</param>
/// <param name="Prices">$ per GPU-hour by how the node is bought (the instance's hourly price ÷ its GPUs), the same for every instance size.</param>
/// <param name="SpotPreemptionsPerNodeHour">Spot interruptions per node-hour, exactly when spot is sold (null otherwise).</param>
public sealed record NodeType(
    string Name,
    string Cloud,
    string Instance,
    string Gpu,
    int GpusPerNode,
    IReadOnlyList<int> InstanceSizes,
    NodePrices Prices,
    double? SpotPreemptionsPerNodeHour)
{
    /// <summary>The date of the source the prices were read from (<c>prices_as_of</c>); null when the catalogue does not say.</summary>
    public DateOnly? PricesAsOf { get; init; }

    /// <summary>True when the prices come from a secondary source (<c>price_source: secondary</c>: a research note, a reseller) rather than the cloud's own list.</summary>
    public bool SecondarySource { get; init; }
}

/// <summary>$ per GPU-hour of one node type, by how it is bought. Null: not sold that way.</summary>
/// <param name="OnDemand">Pay as you go, billed per second.</param>
/// <param name="Reserved1Year">The effective hourly rate of a one-year commitment (all hours paid, used or not).</param>
/// <param name="Reserved3Year">The effective hourly rate of a three-year commitment.</param>
/// <param name="Spot">The spot (preemptible) price.</param>
public sealed record NodePrices(UsdPerGpuHour OnDemand, UsdPerGpuHour? Reserved1Year, UsdPerGpuHour? Reserved3Year, UsdPerGpuHour? Spot);

/// <summary>
/// What one replica of a model does on one GPU type at one tensor-parallel size.
/// </summary>
/// <param name="Model">The model's name, e.g. <c>kimi-k2.6</c>.</param>
/// <param name="Gpu">The GPU model it runs on (matches <see cref="NodeType.Gpu"/>).</param>
/// <param name="TensorParallel">GPUs per replica.</param>
/// <param name="MaxInFlight">Requests the replica runs at once.</param>
/// <param name="Throughput">Processed tok/s at <paramref name="MaxInFlight"/>.</param>
/// <param name="Curve">The measured throughput curve, ending at (<paramref name="MaxInFlight"/>, <paramref name="Throughput"/>), or null for the straight line.</param>
/// <param name="Prefill">Fresh input tok/s the replica prefills, or null for the default (<see cref="ReplicaSpec.Prefill"/>).</param>
/// <param name="Basis">Where the figure comes from: <c>measured</c> (a benchmark the file cites) or <c>estimated</c> (derived; the file says how).</param>
public sealed record CatalogueReplica(
    string Model,
    string Gpu,
    int TensorParallel,
    int MaxInFlight,
    TokensPerSecond Throughput,
    ThroughputCurve? Curve,
    TokensPerSecond? Prefill,
    FigureBasis Basis);

/// <summary>Whether a catalogue figure was measured or derived.</summary>
public enum FigureBasis
{
    /// <summary>From a benchmark the catalogue cites.</summary>
    Measured,

    /// <summary>Derived from another figure (scaled by memory bandwidth or FLOPs); the catalogue says how. Plans built on it say so.</summary>
    Estimated,
}
