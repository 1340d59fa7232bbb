using System.Reflection;
using CommandLine;
using CommandLine.Text;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>
/// Turns what CommandLineParser could not parse into one line that names the verb and the flag or
/// argument, in place of its banner and usage dump (positional arguments a verb has no place for are
/// refused before parsing, by <see cref="ExtraArguments"/>).
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

    private static string VerbName(Type? options) => options?.GetCustomAttribute<VerbAttribute>()?.Name ?? "";

    private static System.Reflection.PropertyInfo[]? Properties(Type? options) => options is null ? null : OptionClasses.Properties(options);

    private static IEnumerable<string> Verbs() =>
        OptionClasses.Verbs.Keys.Order(StringComparer.Ordinal);

    private static string UnknownVerb(string token)
    {
        string? meant = Spelling.Closest(token, Verbs());
        return $"'{token}' is not a verb" + (meant is null ? "; verbs: " + string.Join(", ", Verbs()) : $"; did you mean '{meant}'?");
    }

    private static string UnknownFlag(string token, Type? options)
    {
        var flags = Properties(options)?
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
        var missing = Properties(options)?
            .Select(p => p.GetCustomAttribute<ValueAttribute>())
            .OfType<ValueAttribute>()
            .Where(v => v.Required)
            .Select(v => v.MetaName)
            .ToList() ?? [];
        return missing.Count == 0 ? "an argument is missing" : "give " + string.Join(" and ", missing);
    }

    private static string TypeName(Type? options, string flag)
    {
        Type? type = Properties(options)?
            .FirstOrDefault(p => p.GetCustomAttribute<OptionAttribute>()?.LongName == flag)?.PropertyType;
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) ? "whole number" : type == typeof(double) ? "number" : "value";
    }
}
