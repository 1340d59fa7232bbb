using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Reporting.Deploy;

/// <summary>
/// Writes a deploy file's YAML tree through YamlDotNet's <see cref="Emitter"/>: block style, keys in
/// the order they were added, a header comment, and comments before chosen nodes. Strings that a YAML
/// reader would take for a number, a boolean or null are quoted, so every value reads back with the
/// type it was written with (KEDA trigger metadata, for one, must be strings).
/// </summary>
internal static partial class DeployYaml
{
    /// <summary>A string scalar, quoted when plain it would read as another type.</summary>
    public static YamlScalarNode Text(string value) =>
        new(value) { Style = ReadsAsOtherType(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain };

    /// <summary>A whole-number scalar.</summary>
    public static YamlScalarNode Number(long value) => new(value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    /// <summary>A number scalar in its shortest round-trip form (<c>R</c>, invariant culture).</summary>
    public static YamlScalarNode Number(double value) => new(value.ToString("R", CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    /// <summary>true or false.</summary>
    public static YamlScalarNode Flag(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    /// <summary>Comment lines to put before chosen nodes, keyed by the node itself (not by its value).</summary>
    public static Dictionary<YamlNode, IReadOnlyList<string>> Comments() => new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The document as text: <paramref name="header"/> as comment lines at the top, then the tree;
    /// <paramref name="commentsBefore"/> puts comment lines before a node (a mapping value: before its key).
    /// </summary>
    public static string Write(YamlNode root, IEnumerable<string> header, IReadOnlyDictionary<YamlNode, IReadOnlyList<string>>? commentsBefore = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, EmitterSettings.Default.WithBestIndent(2).WithIndentedSequences());
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        foreach (string line in header)
        {
            emitter.Emit(new Comment(line, false));
        }
        Emit(emitter, root, commentsBefore ?? Comments());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, YamlNode node, IReadOnlyDictionary<YamlNode, IReadOnlyList<string>> comments)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                emitter.Emit(new Scalar(null, null, scalar.Value ?? "", scalar.Style, true, true));
                break;
            case YamlSequenceNode sequence:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (YamlNode item in sequence.Children)
                {
                    EmitComments(emitter, item, comments);
                    Emit(emitter, item, comments);
                }
                emitter.Emit(new SequenceEnd());
                break;
            case YamlMappingNode mapping:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, value) in mapping.Children)
                {
                    EmitComments(emitter, value, comments);
                    Emit(emitter, key, comments);
                    Emit(emitter, value, comments);
                }
                emitter.Emit(new MappingEnd());
                break;
            default:
                throw new ArgumentException($"no YAML event form for {node.GetType().Name}", nameof(node));
        }
    }

    private static void EmitComments(IEmitter emitter, YamlNode node, IReadOnlyDictionary<YamlNode, IReadOnlyList<string>> comments)
    {
        if (comments.TryGetValue(node, out IReadOnlyList<string>? lines))
        {
            foreach (string line in lines)
            {
                emitter.Emit(new Comment(line, false));
            }
        }
    }

    /// <summary>Whether a plain scalar with this text would resolve to a number, boolean or null (YAML 1.1 and 1.2 core schemas).</summary>
    private static bool ReadsAsOtherType(string value) =>
        value.Length == 0 || NonString().IsMatch(value);

    [GeneratedRegex(@"^([-+]?(\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$")]
    private static partial Regex NonString();
}
