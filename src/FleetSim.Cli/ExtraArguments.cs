using System.Reflection;
using CommandLine;

namespace FleetSim.Cli;

/// <summary>
/// Refuses a positional argument a verb has no place for (<c>fleetsim run a.yaml extra</c>), which
/// CommandLineParser would otherwise drop without a word. Each verb's places and options are read off
/// its options class (<see cref="VerbAttribute"/>, <see cref="ValueAttribute"/>, <see cref="OptionAttribute"/>),
/// so a new verb or option needs nothing here. An option that takes a value but is given none (last on the line,
/// or followed by another flag) is refused too, where the parser would run with its default.
/// </summary>
public static class ExtraArguments
{
    /// <summary>
    /// Throws a <see cref="UsageException"/> "unexpected argument 'X'" when <paramref name="args"/> (the verb first,
    /// --set already taken out) hold more positional values than the verb takes; anything else (an unknown verb or
    /// option, help, version) is left to the parser.
    /// </summary>
    public static void Check(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !OptionClasses.Verbs.TryGetValue(args[0], out Type? verb))
        {
            return;
        }
        PropertyInfo[] properties = OptionClasses.Properties(verb);
        int places = 0;
        bool endless = false;
        foreach (PropertyInfo p in properties)
        {
            if (p.GetCustomAttribute<ValueAttribute>() is not null)
            {
                places++;
                endless |= IsList(p.PropertyType);
            }
        }
        int values = 0;
        for (int i = 1; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                return;
            }
            if (a.Length > 1 && a[0] == '-' && !IsNumber(a))
            {
                PropertyInfo? option = Find(properties, a);
                if (option is null)
                {
                    return; // the parser names the unknown option
                }
                if (option.PropertyType == typeof(bool) || a.Contains('=', StringComparison.Ordinal))
                {
                    continue;
                }
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"{a}: needs a value (see fleetsim {args[0]} --help)");
                }
                if (IsList(option.PropertyType))
                {
                    while (i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                    {
                        i++;
                    }
                    continue;
                }
                i++;
                continue;
            }
            values++;
            if (values > places && !endless)
            {
                throw new UsageException($"{args[0]}: unexpected argument '{a}' (it takes {Describe(properties)}; see fleetsim {args[0]} --help)");
            }
        }
    }

    private static PropertyInfo? Find(PropertyInfo[] properties, string arg)
    {
        string name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg[1..];
        int eq = name.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0)
        {
            name = name[..eq];
        }
        bool isShort = !arg.StartsWith("--", StringComparison.Ordinal);
        return properties.FirstOrDefault(p => p.GetCustomAttribute<OptionAttribute>() is { } o
            && (isShort ? o.ShortName == name : o.LongName == name));
    }

    private static bool IsList(Type t) => t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t);

    private static bool IsNumber(string a) => double.TryParse(a, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string Describe(PropertyInfo[] properties)
    {
        string[] names = [.. properties
            .Select(p => p.GetCustomAttribute<ValueAttribute>())
            .Where(v => v is not null)
            .OrderBy(v => v!.Index)
            .Select(v => v!.MetaName)];
        return names.Length == 0 ? "no positional argument" : string.Join(" and ", names.Select(n => $"one {n}"));
    }
}
