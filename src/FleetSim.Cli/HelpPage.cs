using System.Reflection;
using CommandLine;
using CommandLine.Text;
using FleetSim.Cli.Verbs;

namespace FleetSim.Cli;

/// <summary>
/// A --help page, built from the one description of each verb's options (the <see cref="OptionAttribute"/>s on its
/// options class), followed by the verb's examples (its static <c>Examples</c>, <see cref="VerbExample"/>), each
/// command on a line of its own however long, so copying a line never drops an argument.
/// </summary>
public static class HelpPage
{
    /// <summary>Width the option descriptions wrap at (the examples never wrap).</summary>
    public const int Width = 100;

    /// <summary>"fleetsim VERSION": what --version prints and the help's first line (from this assembly, not the process's entry assembly, which is a test host in tests).</summary>
    public static string Heading => $"fleetsim {Invocation.Version}";

    /// <summary>The help for the verb <paramref name="result"/> stopped at, or the list of verbs.</summary>
    public static string Render(ParserResult<object> result)
    {
        Type? verb = result.TypeInfo.Current;
        bool index = verb is null || verb == typeof(NullInstance);
        var help = HelpText.AutoBuild(result, h =>
        {
            h.Heading = Heading;
            h.Copyright = typeof(HelpPage).Assembly.GetCustomAttribute<AssemblyCopyrightAttribute>()?.Copyright ?? "";
            h.MaximumDisplayWidth = Width;
            h.AdditionalNewLineAfterOption = false;
            return h;
        }, e => e, verbsIndex: index);
        string text = help.ToString().TrimEnd();
        if (index)
        {
            return text + Environment.NewLine;
        }
        // The heading and copyright come first (two lines); the usage line goes under them, unwrapped.
        int afterHeading = text.IndexOf('\n', text.IndexOf('\n', StringComparison.Ordinal) + 1) + 1;
        text = text[..afterHeading] + Environment.NewLine + "USAGE:" + Environment.NewLine + "  " + Usage(verb!) + Environment.NewLine + text[afterHeading..];
        var sb = new System.Text.StringBuilder(text);
        sb.AppendLine().AppendLine().AppendLine("EXAMPLES:");
        foreach (VerbExample e in Examples(verb!))
        {
            sb.AppendLine($"  {e.What}:").AppendLine($"    {e.Line}");
        }
        return sb.ToString();
    }

    /// <summary>
    /// The verb's usage line from its options class: <c>fleetsim VERB</c>, its positional arguments (in brackets when
    /// optional), then every option that is not hidden in the order the class declares them, <c>[--flag]</c> for a
    /// switch, <c>[--flag META]</c> for a value and <c>[--flag META]...</c> for a repeatable one. The README's heading
    /// for the verb is this line (a test holds them equal).
    /// </summary>
    public static string Usage(Type verb)
    {
        var parts = new List<string> { "fleetsim", verb.GetCustomAttribute<VerbAttribute>()!.Name };
        PropertyInfo[] properties = OptionClasses.Properties(verb);
        foreach (var value in properties.Select(p => p.GetCustomAttribute<ValueAttribute>()).OfType<ValueAttribute>().OrderBy(v => v.Index))
        {
            parts.Add(value.Required ? value.MetaName : $"[{value.MetaName}]");
        }
        foreach (PropertyInfo p in properties)
        {
            if (p.GetCustomAttribute<OptionAttribute>() is not { Hidden: false } option)
            {
                continue;
            }
            string meta = string.IsNullOrEmpty(option.MetaValue) ? "VALUE" : option.MetaValue;
            bool repeatable = p.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType);
            parts.Add(p.PropertyType == typeof(bool) ? $"[--{option.LongName}]"
                      : repeatable ? $"[--{option.LongName} {meta}]..."
                      : $"[--{option.LongName} {meta}]");
        }
        return string.Join(' ', parts);
    }

    /// <summary>The verb's examples, from its options class's static <c>Examples</c> property (none when it has none).</summary>
    public static IReadOnlyList<VerbExample> Examples(Type verb) =>
        OptionClasses.Static(verb, "Examples") as IReadOnlyList<VerbExample> ?? [];
}
