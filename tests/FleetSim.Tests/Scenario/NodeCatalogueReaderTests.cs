using FleetSim.Scenario;
using NUnit.Framework;

namespace FleetSim.Tests.Scenario;

/// <summary>
/// The node catalogue reader: the shipped catalogue reads and its per-GPU prices are its instance prices / 8;
/// every malformed catalogue is refused with one message naming the file, the line and the key; and every shipped
/// replica can be placed on some node type. Each malformed case is <see cref="Valid"/> with one textual edit.
/// </summary>
[TestFixture]
public sealed class NodeCatalogueReaderTests
{
    private const string File = "cat.yaml";

    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    private static readonly string Shipped = Path.Combine(RepoRoot, "scenarios/catalogue/public-gpu-nodes.yaml");

    /// <summary>A small valid catalogue: two node types, two replicas.</summary>
    private const string Valid =
        "name: test-catalogue\n" +
        "node_types:\n" +
        "  - name: b200-box\n" +
        "    cloud: aws\n" +
        "    instance: p6-b200.48xlarge\n" +
        "    gpu: B200\n" +
        "    gpus_per_node: 8\n" +
        "    instance_sizes: [2, 4, 8]\n" +
        "    usd_per_gpu_hour:\n" +
        "      on_demand: 6\n" +
        "      reserved_1y: 4.5\n" +
        "      spot: 2.5\n" +
        "    spot_preemptions_per_node_hour: 0.01\n" +
        "  - name: h200-box\n" +
        "    cloud: gcp\n" +
        "    instance: a3-ultragpu-8g\n" +
        "    gpu: H200\n" +
        "    gpus_per_node: 8\n" +
        "    usd_per_gpu_hour:\n" +
        "      on_demand: 10\n" +
        "replicas:\n" +
        "  - model: kimi-k2.6\n" +
        "    gpu: B200\n" +
        "    tensor_parallel: 4\n" +
        "    max_in_flight: 8\n" +
        "    processed_tokens_per_second: 26.6K\n" +
        "    basis: measured\n" +
        "  - model: kimi-k2.6\n" +
        "    gpu: h200\n" +
        "    tensor_parallel: 8\n" +
        "    throughput_curve: [[1, 4000], [4, 10000], [12, 14400]]\n" +
        "    prefill_tokens_per_second: 50K\n" +
        "    basis: estimated\n";

    [Test]
    public void The_valid_test_catalogue_reads_every_key()
    {
        NodeCatalogue c = NodeCatalogueReader.Parse(Valid, File);

        Assert.That(c.Name, Is.EqualTo("test-catalogue"));
        Assert.That(c.Path, Is.EqualTo(File));
        Assert.That(c.NodeTypes.Select(n => n.Name), Is.EqualTo(new[] { "b200-box", "h200-box" }));
        NodeType b200 = c.NodeTypes[0];
        Assert.That(b200.InstanceSizes, Is.EqualTo(new[] { 2, 4, 8 }));
        Assert.That(b200.Prices.OnDemand.Value, Is.EqualTo(6));
        Assert.That(b200.Prices.Reserved1Year?.Value, Is.EqualTo(4.5));
        Assert.That(b200.Prices.Reserved3Year, Is.Null);
        Assert.That(b200.Prices.Spot?.Value, Is.EqualTo(2.5));
        Assert.That(b200.SpotPreemptionsPerNodeHour, Is.EqualTo(0.01));
        Assert.That(c.NodeTypes[1].InstanceSizes, Is.EqualTo(new[] { 8 }), "instance_sizes defaults to [gpus_per_node]");
        Assert.That(c.NodeTypes[1].SpotPreemptionsPerNodeHour, Is.Null);

        CatalogueReplica tp4 = c.Replicas[0];
        Assert.That(tp4.Throughput.Value, Is.EqualTo(26_600), "26.6K is read with the scenario's K suffix");
        Assert.That(tp4.Curve, Is.Null);
        Assert.That(tp4.Basis, Is.EqualTo(FigureBasis.Measured));
        CatalogueReplica tp8 = c.Replicas[1];
        Assert.That(tp8.MaxInFlight, Is.EqualTo(12), "max_in_flight defaults to the curve's last point");
        Assert.That(tp8.Throughput.Value, Is.EqualTo(14_400), "processed_tokens_per_second defaults to the curve's end");
        Assert.That(tp8.Curve!.At(1), Is.EqualTo(4_000));
        Assert.That(tp8.Prefill?.Value, Is.EqualTo(50_000));
        Assert.That(tp8.Basis, Is.EqualTo(FigureBasis.Estimated));
        Assert.That(c.ReplicasOf("KIMI-K2.6").Count(), Is.EqualTo(2));
    }

    [Test]
    public void The_name_defaults_to_the_file_name()
    {
        NodeCatalogue c = NodeCatalogueReader.Parse(Valid.Replace("name: test-catalogue\n", ""), "dir/my-prices.yaml");

        Assert.That(c.Name, Is.EqualTo("my-prices"));
    }

    /// <summary>
    /// The shipped catalogue's instance prices, typed in by hand from the comments beside each price
    /// (instance $/hour on demand, 1-year, 3-year, spot; null where the file has none).
    /// </summary>
    private static readonly (string Name, double OnDemand, double? Year1, double? Year3, double? Spot)[] InstancePrices =
    [
        ("aws-p5-h100", 55.04, null, null, 18.7089),
        ("aws-p5en-h200", 63.296, null, null, 27.1988),
        ("aws-p6-b200", 113.9328, null, null, 24.402),
        ("gcp-a3-highgpu-h100", 88.49, 61.38367, 38.86438, 35.39575),
        ("gcp-a3-ultragpu-h200", 83.492, null, null, 50.0856),
        ("azure-nd-h100-v5", 98.32, null, null, null),
        ("azure-nd-mi300x-v5", 48.00, null, null, null),
        ("lambda-h100", 31.92, null, null, null),
        ("lambda-b200", 53.52, null, null, null),
        ("vultr-mi300x", 14.80, null, null, null),
    ];

    [Test]
    public void The_shipped_catalogue_prices_each_gpu_at_its_instance_price_over_eight()
    {
        NodeCatalogue c = NodeCatalogueReader.Read(Shipped);

        Assert.That(c.NodeTypes.Select(n => n.Name), Is.EquivalentTo(InstancePrices.Select(p => p.Name)), "every node type has its prices typed in here");
        foreach (var (name, onDemand, year1, year3, spot) in InstancePrices)
        {
            NodeType n = c.NodeTypes.Single(t => t.Name == name);
            Assert.That(n.GpusPerNode, Is.EqualTo(8), name);
            Assert.That(n.Prices.OnDemand.Value, Is.EqualTo(onDemand / 8).Within(1e-5), $"{name} on demand");
            Assert.That(n.Prices.Reserved1Year?.Value, year1 is null ? Is.Null : Is.EqualTo(year1.Value / 8).Within(1e-5), $"{name} 1 year");
            Assert.That(n.Prices.Reserved3Year?.Value, year3 is null ? Is.Null : Is.EqualTo(year3.Value / 8).Within(1e-5), $"{name} 3 years");
            Assert.That(n.Prices.Spot?.Value, spot is null ? Is.Null : Is.EqualTo(spot.Value / 8).Within(1e-5), $"{name} spot");
            Assert.That(n.SpotPreemptionsPerNodeHour is not null, Is.EqualTo(spot is not null), $"{name}: a preemption rate exactly when spot is sold");
        }
    }

    [Test]
    public void The_shipped_catalogue_covers_four_gpus_from_several_clouds()
    {
        NodeCatalogue c = NodeCatalogueReader.Read(Shipped);

        foreach (string gpu in new[] { "H100", "H200", "B200", "MI300X" })
        {
            Assert.That(c.NodeTypes.Where(n => n.Gpu == gpu).Select(n => n.Cloud).Distinct().Count(), Is.GreaterThanOrEqualTo(2), gpu);
        }
    }

    [Test]
    public void The_shipped_seed_replicas_are_the_seeds_figures()
    {
        NodeCatalogue c = NodeCatalogueReader.Read(Shipped);

        CatalogueReplica tp4 = c.Replicas.Single(r => r.Gpu == "B200" && r.TensorParallel == 4);
        CatalogueReplica tp8 = c.Replicas.Single(r => r.Gpu == "B200" && r.TensorParallel == 8);
        Assert.That((tp4.Throughput.Value, tp4.MaxInFlight, tp4.Basis), Is.EqualTo((26_600.0, 8, FigureBasis.Measured)));
        Assert.That((tp8.Throughput.Value, tp8.MaxInFlight, tp8.Basis), Is.EqualTo((32_000.0, 16, FigureBasis.Measured)));
        Assert.That(c.Replicas.Where(r => r.Gpu != "B200").Select(r => r.Basis), Is.All.EqualTo(FigureBasis.Estimated));
    }

    /// <summary>
    /// Every shipped replica can be rented: some node type offers its GPU and sells an instance its tensor-parallel
    /// group divides (whole replicas, no idle GPU); and no replica exceeds the memory it is placed in (the file's
    /// rule: 500 GB of weights over TP GPUs leaves room for at least one 5.97 GB request per GPU).
    /// </summary>
    [Test]
    public void Every_shipped_replica_fits_some_node_type()
    {
        NodeCatalogue c = NodeCatalogueReader.Read(Shipped);
        var hbm = new Dictionary<string, double> { ["H100"] = 80, ["H200"] = 141, ["B200"] = 180, ["MI300X"] = 192 };

        Assert.That(c.Replicas, Is.Not.Empty);
        foreach (CatalogueReplica r in c.Replicas)
        {
            string what = $"{r.Model} on {r.Gpu} TP{r.TensorParallel}";
            NodeType[] offering = [.. c.NodeTypes.Where(n => string.Equals(n.Gpu, r.Gpu, StringComparison.OrdinalIgnoreCase))];
            Assert.That(offering, Is.Not.Empty, $"{what}: no node type offers its GPU");
            Assert.That(offering.SelectMany(n => n.InstanceSizes).Any(size => size % r.TensorParallel == 0), Is.True,
                $"{what}: no instance size holds whole replicas");
            double room = hbm[r.Gpu] - 500.0 / r.TensorParallel - 5;
            Assert.That(Math.Floor(room / 5.97), Is.GreaterThanOrEqualTo(r.MaxInFlight), $"{what}: more in flight than its memory holds");
        }
    }

    /// <summary>
    /// Each estimated replica is the file's stated derivation, recomputed here from vendor figures typed in by hand:
    /// in flight = ⌊(HBM − 500 GB / TP − 5 GB) / 5.97 GB⌋ and tok/s = the measured B200 replica at the same TP
    /// × (HBM bandwidth / 8.0 TB/s) × (in flight / the B200 replica's in flight).
    /// </summary>
    [TestCase("H100", 8, 80, 3.35)]
    [TestCase("H200", 8, 141, 4.8)]
    [TestCase("MI300X", 4, 192, 5.3)]
    [TestCase("MI300X", 8, 192, 5.3)]
    public void An_estimated_replica_is_its_stated_derivation(string gpu, int tensorParallel, double hbmGb, double bandwidthTbPerS)
    {
        NodeCatalogue c = NodeCatalogueReader.Read(Shipped);
        var (b200TokS, b200InFlight) = tensorParallel == 4 ? (26_600.0, 8) : (32_000.0, 16);
        int inFlight = (int)Math.Floor((hbmGb - 500.0 / tensorParallel - 5) / 5.97);

        CatalogueReplica r = c.Replicas.Single(x => x.Gpu == gpu && x.TensorParallel == tensorParallel);

        Assert.That(r.MaxInFlight, Is.EqualTo(inFlight));
        Assert.That(r.Throughput.Value, Is.EqualTo(b200TokS * bandwidthTbPerS / 8.0 * inFlight / b200InFlight).Within(0.5));
        Assert.That(r.Basis, Is.EqualTo(FigureBasis.Estimated));
    }

    /// <summary>One malformed catalogue: <see cref="Valid"/> edited, the snippet whose line the message must name, the key path and the problem.</summary>
    public sealed record Case(string Name, string From, string To, string At, string KeyPath, string Problem)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<TestCaseData> Cases() => new Case[]
    {
        new("unknown top-level key suggests the key meant",
            "replicas:\n", "replica:\n", "replica:", "replica", "unknown key (did you mean 'replicas'?)"),
        new("unknown node type key suggests the key meant",
            "    gpus_per_node: 8\n    instance_sizes", "    gpus_per_nod: 8\n    instance_sizes", "gpus_per_nod: 8", "node_types[0].gpus_per_nod",
            "unknown key (did you mean 'gpus_per_node'?)"),
        new("unknown price key suggests the key meant",
            "      on_demand: 6\n", "      on_demnd: 6\n", "on_demnd: 6", "node_types[0].usd_per_gpu_hour.on_demnd",
            "unknown key (did you mean 'on_demand'?)"),
        new("missing required key",
            "    gpu: B200\n    gpus_per_node: 8\n    instance_sizes", "    gpus_per_node: 8\n    instance_sizes", "name: b200-box",
            "node_types[0].gpu", "is required but missing"),
        new("missing on-demand price",
            "      on_demand: 10\n", "      spot: 5\n", "spot: 5", "node_types[1].usd_per_gpu_hour.on_demand", "is required but missing"),
        new("negative price",
            "on_demand: 6\n", "on_demand: -6\n", "on_demand: -6", "node_types[0].usd_per_gpu_hour.on_demand", "must be at least 0.01 (got -6)"),
        new("zero spot price",
            "spot: 2.5\n", "spot: 0\n", "spot: 0", "node_types[0].usd_per_gpu_hour.spot", "must be at least 0.01 (got 0)"),
        new("reserved dearer than on demand",
            "reserved_1y: 4.5\n", "reserved_1y: 48\n", "reserved_1y: 48", "node_types[0].usd_per_gpu_hour.reserved_1y",
            "dearer than on_demand ($6)"),
        new("instance size that does not divide the node",
            "instance_sizes: [2, 4, 8]", "instance_sizes: [3, 8]", "instance_sizes: [3, 8]", "node_types[0].instance_sizes[0]",
            "an instance of 3 GPUs does not divide a node of gpus_per_node 8"),
        new("instance sizes that stop short of the node",
            "instance_sizes: [2, 4, 8]", "instance_sizes: [2, 4]", "instance_sizes: [2, 4]", "node_types[0].instance_sizes",
            "ends at 4 GPUs, short of gpus_per_node 8"),
        new("instance sizes out of order",
            "instance_sizes: [2, 4, 8]", "instance_sizes: [4, 2, 8]", "instance_sizes: [4, 2, 8]", "node_types[0].instance_sizes[1]",
            "sizes rise from smallest to largest (4 then 2)"),
        new("spot without a preemption rate",
            "    spot_preemptions_per_node_hour: 0.01\n", "", "name: b200-box", "node_types[0].spot_preemptions_per_node_hour",
            "is required when usd_per_gpu_hour.spot is given"),
        new("preemption rate without spot",
            "      on_demand: 10\n", "      on_demand: 10\n    spot_preemptions_per_node_hour: 0.2\n", "spot_preemptions_per_node_hour: 0.2",
            "node_types[1].spot_preemptions_per_node_hour", "goes with usd_per_gpu_hour.spot"),
        new("duplicate node type name",
            "  - name: h200-box\n", "  - name: B200-Box\n", "name: B200-Box", "node_types[1].name",
            "'B200-Box' is already the name of node_types[0] (line 3)"),
        new("duplicate model, GPU and tensor parallel",
            "    gpu: h200\n    tensor_parallel: 8\n", "    gpu: b200\n    tensor_parallel: 4\n", "tensor_parallel: 4\n    throughput_curve",
            "replicas[1].tensor_parallel", "replicas[0] (line 22) is already kimi-k2.6 on b200 at tensor_parallel 4"),
        new("replica on a GPU no node type offers",
            "    gpu: B200\n    tensor_parallel: 4\n", "    gpu: B20\n    tensor_parallel: 4\n", "gpu: B20\n", "replicas[0].gpu",
            "no node type offers GPU 'B20' (did you mean 'B200'?); node_types offer B200, H200"),
        new("replica wider than every node offering its GPU",
            "    tensor_parallel: 8\n", "    tensor_parallel: 16\n", "tensor_parallel: 16", "replicas[1].tensor_parallel",
            "a replica of 16 GPUs does not fit on any node type offering h200 (the largest has 8)"),
        new("curve that runs past max_in_flight",
            "    tensor_parallel: 8\n    throughput_curve", "    tensor_parallel: 8\n    max_in_flight: 4\n    throughput_curve", "throughput_curve:",
            "replicas[1].throughput_curve", "ends at 12 in flight, past max_in_flight 4"),
        new("curve that stops short of max_in_flight",
            "    tensor_parallel: 8\n    throughput_curve", "    tensor_parallel: 8\n    max_in_flight: 16\n    throughput_curve", "throughput_curve:",
            "replicas[1].throughput_curve", "ends at 12 in flight, short of max_in_flight 16"),
        new("curve and throughput that disagree",
            "    prefill_tokens_per_second: 50K\n", "    processed_tokens_per_second: 15K\n", "processed_tokens_per_second: 15K",
            "replicas[1].processed_tokens_per_second", "is 15000 but throughput_curve gives 14400 at max_in_flight 12"),
        new("misspelt basis",
            "basis: measured\n", "basis: measurd\n", "basis: measurd", "replicas[0].basis",
            "expected measured or estimated, found 'measurd' (did you mean 'measured'?)"),
        new("missing basis",
            "    basis: estimated\n", "", "model: kimi-k2.6\n    gpu: h200", "replicas[1].basis", "is required but missing"),
        new("empty replica list",
            Valid[Valid.IndexOf("replicas:\n", StringComparison.Ordinal)..], "replicas: []\n", "replicas: []", "replicas",
            "expected a list of replicas, found an empty list"),
        new("a price date that is not one",
            "    gpus_per_node: 8\n    instance_sizes", "    gpus_per_node: 8\n    prices_as_of: 2026-13-01\n    instance_sizes", "prices_as_of:",
            "node_types[0].prices_as_of", "expected the date of the prices' source as YYYY-MM-DD (e.g. 2026-11-09), found '2026-13-01'"),
        new("a price source that is neither",
            "    gpus_per_node: 8\n    instance_sizes", "    gpus_per_node: 8\n    price_source: blog\n    instance_sizes", "price_source:",
            "node_types[0].price_source", "expected list (the cloud's own price list or API) or secondary"),
        new("a number that is not one",
            "gpus_per_node: 8\n    instance_sizes", "gpus_per_node: eight\n    instance_sizes", "gpus_per_node: eight", "node_types[0].gpus_per_node",
            "expected a number, found 'eight'"),
    }.Select(c => new TestCaseData(c).SetName(c.Name));

    [TestCaseSource(nameof(Cases))]
    public void A_malformed_catalogue_is_refused_at_its_file_and_line(Case c)
    {
        string edited = Valid.Replace(c.From, c.To, StringComparison.Ordinal);
        Assert.That(edited, Is.Not.EqualTo(Valid), "the edit must apply to the valid catalogue");
        int line = LineOf(edited, c.At);

        var e = Assert.Throws<ScenarioException>(() => NodeCatalogueReader.Parse(edited, File))!;

        Assert.That(e.Location, Does.StartWith($"{File}:{line}:"), e.Message);
        Assert.That(e.KeyPath, Is.EqualTo(c.KeyPath), e.Message);
        Assert.That(e.Problem, Does.Contain(c.Problem), e.Message);
    }

    /// <summary>
    /// The shipped catalogue's price dates and sources reach the plan's caveats: GCP's A3 High figures are from
    /// 2025-03-06, 613 days (20 months) before the newest, 2026-11-09; the MI300X figures are a research note's.
    /// </summary>
    [Test]
    public void Shipped_price_dates_and_sources_give_the_plans_caveats()
    {
        NodeCatalogue c = NodeCatalogueReader.Read(Shipped);
        NodeType Named(string name) => c.NodeTypes.Single(n => n.Name == name);
        Assert.Multiple(() =>
        {
            Assert.That(c.NewestPrices, Is.EqualTo(new DateOnly(2026, 11, 9)));
            Assert.That(c.PriceCaveat(Named("gcp-a3-highgpu-h100")),
                Is.EqualTo("gcp-a3-highgpu-h100's prices are as of 2025-03-06, 20 months older than the catalogue's newest (2026-11-09): check them before renting"));
            Assert.That(c.PriceCaveat(Named("vultr-mi300x")),
                Is.EqualTo("vultr-mi300x's prices come from a secondary source, not the cloud's own price list: check them before renting"));
            // 2026-08-06 is 95 days before the newest: recent enough to say nothing.
            Assert.That(c.PriceCaveat(Named("aws-p5en-h200")), Is.Null);
            Assert.That(c.PriceCaveat(Named("aws-p6-b200")), Is.Null, "no date given: nothing to compare");
        });
    }

    [Test]
    public void Invalid_yaml_is_refused_at_its_line()
    {
        string broken = Valid.Replace("    gpu: H200\n", "    gpu: [H200\n", StringComparison.Ordinal);

        var e = Assert.Throws<ScenarioException>(() => NodeCatalogueReader.Parse(broken, File))!;

        Assert.That(e.Message, Does.StartWith($"{File}:"));
        Assert.That(e.Message, Does.Contain("not valid YAML"));
    }

    [Test]
    public void An_empty_file_says_what_a_catalogue_needs()
    {
        var e = Assert.Throws<ScenarioException>(() => NodeCatalogueReader.Parse("# only a comment\n", File))!;

        Assert.That(e.Message, Is.EqualTo($"{File}: the file is empty; a node catalogue needs at least node_types and replicas"));
    }

    [Test]
    public void A_file_too_big_is_refused_by_name_before_it_is_parsed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fleetsim-catalogue-{Guid.NewGuid():N}.yaml");
        try
        {
            System.IO.File.WriteAllText(path, Valid + new string('#', InputLimits.MaxScenarioBytes));

            var e = Assert.Throws<ScenarioException>(() => NodeCatalogueReader.Read(path))!;

            Assert.That(e.Location, Is.EqualTo(path));
            Assert.That(e.Problem, Does.Contain("more than 1 MiB, the most a node catalogue file may hold"));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Test]
    public void A_missing_file_is_refused_by_name()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fleetsim-no-such-catalogue-{Guid.NewGuid():N}.yaml");

        var e = Assert.Throws<ScenarioException>(() => NodeCatalogueReader.Read(path))!;

        Assert.That(e.Message, Is.EqualTo($"{path}: no such file"));
    }

    /// <summary>The 1-based line of the first line of <paramref name="text"/> holding the start of <paramref name="snippet"/>.</summary>
    private static int LineOf(string text, string snippet)
    {
        int at = text.IndexOf(snippet, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"'{snippet}' is not in the edited catalogue");
        return text[..at].Count(ch => ch == '\n') + 1;
    }
}
