using System.Collections;
using System.Reflection;
using CommandLine;
using CommandLine.Text;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>
/// Turns what CommandLineParser could not parse into one line that names the verb and the flag or
/// argument, in place of its banner and usage dump, and refuses positional arguments a verb does not take
/// (which the parser would otherwise drop without a word).
/// </summary>
public static class CommandLineMistakes
{
    /// <summary>The first mistake in <paramref name="errors"/> as one sentence, ending with where to read more.</summary>
    public static string Describe(ParserResult<object> result, IEnumerable<Error> errors)
    {
        Type? options = result.TypeInfo.Current;
        string verb = VerbName(options);
        string prefix = verb.Length == 0 ? "" : verb + ": ";
        string more = verb.Length == 0 ? "see 'fleetsim --help'" : $"see 'fleetsim {verb} --help'";
        Error error = errors.First();
        string what = error switch
        {
            BadVerbSelectedError bad => UnknownVerb(bad.Token),
            NoVerbSelectedError => "give a verb: " + string.Join(", ", Verbs()),
            UnknownOptionError unknown => UnknownFlag(unknown.Token, options),
            MissingRequiredOptionError missing when missing.NameInfo.Equals(NameInfo.EmptyName) => MissingValue(options),
            MissingValueOptionError missing => $"--{missing.NameInfo.LongName} needs a value",
            BadFormatConversionError bad => $"--{bad.NameInfo.LongName}: cannot read the value given as a {TypeName(options, bad.NameInfo.LongName)}",
            _ => SentenceBuilder.Create().FormatError(error).TrimEnd('.'),
        };
        return $"{prefix}{what} ({more})";
    }

    /// <summary>
    /// Refuses a positional argument beyond those <paramref name="options"/> declares.
    /// <paramref name="args"/> is the command line with the verb first and <c>--set</c> pairs already taken out.
    /// </summary>
    /// <exception cref="UsageException">An argument the verb does not take, named.</exception>
    public static void RefuseExtraArguments(Type options, IReadOnlyList<string> args)
    {
        PropertyInfo[] properties = options.GetProperties();
        var values = properties.Where(p => p.GetCustomAttribute<ValueAttribute>() is not null).ToList();
        if (values.Any(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType)))
        {
            return;
        }
        var takesValue = properties
            .Select(p => (Property: p, Option: p.GetCustomAttribute<OptionAttribute>()))
            .Where(x => x.Option is not null)
            .ToDictionary(x => "--" + x.Option!.LongName, x => x.Property.PropertyType != typeof(bool), StringComparer.Ordinal);
        int positional = 0;
        bool onlyValues = false;
        for (int i = 1; i < args.Count; i++)
        {
            string a = args[i];
            if (!onlyValues && a == "--")
            {
                onlyValues = true;
                continue;
            }
            if (!onlyValues && a.StartsWith("--", StringComparison.Ordinal))
            {
                if (!a.Contains('=') && takesValue.TryGetValue(a, out bool needsValue) && needsValue)
                {
                    i++;
                }
                continue;
            }
            if (++positional > values.Count)
            {
                string verb = VerbName(options);
                string takes = values.Count == 0
                    ? "takes no arguments besides its flags"
                    : "takes " + string.Join(" then ", values.Select(v => v.GetCustomAttribute<ValueAttribute>()!.MetaName));
                throw new UsageException($"{verb}: unexpected argument '{a}' ({verb} {takes}; see 'fleetsim {verb} --help')");
            }
        }
    }

    private static string VerbName(Type? options) => options?.GetCustomAttribute<VerbAttribute>()?.Name ?? "";

    private static IEnumerable<string> Verbs() =>
        typeof(CommandLineMistakes).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<VerbAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    private static string UnknownVerb(string token)
    {
        string? meant = Spelling.Closest(token, Verbs());
        return $"'{token}' is not a verb" + (meant is null ? "; verbs: " + string.Join(", ", Verbs()) : $"; did you mean '{meant}'?");
    }

    private static string UnknownFlag(string token, Type? options)
    {
        var flags = options?.GetProperties()
            .Select(p => p.GetCustomAttribute<OptionAttribute>()?.LongName)
            .OfType<string>()
            .Append("set")
            .ToList() ?? [];
        string? meant = Spelling.Closest(token, flags);
        string shown = token.Length == 1 ? "-" + token : "--" + token;
        return $"unknown flag {shown}" + (meant is null ? "" : $"; did you mean --{meant}?");
    }

    private static string MissingValue(Type? options)
    {
        var missing = options?.GetProperties()
            .Select(p => p.GetCustomAttribute<ValueAttribute>())
            .OfType<ValueAttribute>()
            .Where(v => v.Required)
            .Select(v => v.MetaName)
            .ToList() ?? [];
        return missing.Count == 0 ? "an argument is missing" : "give " + string.Join(" and ", missing);
    }

    private static string TypeName(Type? options, string flag)
    {
        Type? type = options?.GetProperties()
            .FirstOrDefault(p => p.GetCustomAttribute<OptionAttribute>()?.LongName == flag)?.PropertyType;
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) ? "whole number" : type == typeof(double) ? "number" : "value";
    }
}
