using System.Text;
using System.Text.RegularExpressions;

namespace FleetSim.Tests.Cli;

/// <summary>
/// One command from README.md: its arguments after the fleetsim prefix, its line, and the output the README shows
/// (null: none; <paramref name="Excerpt"/>: some of its lines, in order, rather than all of it).
/// </summary>
public sealed record ReadmeExample(int Line, string Command, string[] Args, string? Shown, bool Excerpt = false);

/// <summary>
/// Reads the example commands out of README.md's code blocks. A command is a line (with its backslash continuations,
/// a trailing "# comment" dropped) that starts with <c>fleetsim</c>, <c>dotnet run --project src/FleetSim.Cli --</c> or
/// <c>dotnet run -c Release --project src/FleetSim.Cli --</c>, optionally after a <c>$ </c> prompt. Its shown output is:
/// for a <c>$ </c> line, the lines after it up to the next prompt or the block's end; for the first command of a
/// block, a plain block (no language) right after it, with at most one prose line ending in "prints:" between; or,
/// after a prose line ending in "among its lines:", an excerpt of it.
/// </summary>
public static partial class ReadmeExamples
{
    private static readonly string[] Prefixes =
        ["fleetsim ", "dotnet run --project src/FleetSim.Cli -- ", "dotnet run -c Release --project src/FleetSim.Cli -- "];

    public static IReadOnlyList<ReadmeExample> Read(string readmePath)
    {
        string[] lines = File.ReadAllLines(readmePath);
        var blocks = new List<(int Start, int End, string Info)>();   // Start: first content line; End: the closing fence
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                int end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
                blocks.Add((i + 1, end, lines[i][3..].Trim()));
                i = end;
            }
        }
        var examples = new List<ReadmeExample>();
        for (int b = 0; b < blocks.Count; b++)
        {
            var (start, end, _) = blocks[b];
            bool first = true;
            for (int i = start; i < end; i++)
            {
                string line = lines[i];
                bool prompt = line.StartsWith("$ ", StringComparison.Ordinal);
                string text = prompt ? line[2..] : line;
                string? prefix = Prefixes.FirstOrDefault(p => text.StartsWith(p, StringComparison.Ordinal) || text == p.TrimEnd());
                if (prefix is null)
                {
                    continue;
                }
                int at = i;
                var command = new StringBuilder(StripComment(text));
                while (command.ToString().EndsWith('\\') && i + 1 < end)
                {
                    command.Length--;
                    command.Append(' ').Append(lines[++i].Trim());
                }
                string whole = Regex.Replace(command.ToString(), @"\s+", " ").Trim();
                string[] args = ShellWords(whole.Length > prefix.Length ? whole[prefix.Length..] : "");
                string? shown = null;
                bool excerpt = false;
                if (prompt)
                {
                    int next = Array.FindIndex(lines, i + 1, end - i - 1, l => l.StartsWith("$ ", StringComparison.Ordinal));
                    int stop = next < 0 ? end : next;
                    shown = string.Join('\n', lines[(i + 1)..stop]) + "\n";
                    i = stop - 1;
                }
                else if (first && b + 1 < blocks.Count && OutputFollows(lines, end, blocks[b + 1]) is { } kind)
                {
                    shown = string.Join('\n', lines[blocks[b + 1].Start..blocks[b + 1].End]) + "\n";
                    excerpt = kind == "among its lines:";
                }
                first = false;
                examples.Add(new ReadmeExample(at + 1, whole, args, shown, excerpt));
            }
        }
        return examples;
    }

    /// <summary>
    /// How the next block shows the command's output: "prints:" (all of it) when it is a plain block (no language, no
    /// prompt) after only blank lines or one line ending so, "among its lines:" (an excerpt) after a paragraph ending
    /// so; null when it does not.
    /// </summary>
    private static string? OutputFollows(string[] lines, int fence, (int Start, int End, string Info) next)
    {
        if (next.Info.Length > 0 || next.Start >= next.End || lines[next.Start].StartsWith("$ ", StringComparison.Ordinal))
        {
            return null;
        }
        string[] between = [.. lines[(fence + 1)..(next.Start - 1)].Where(l => l.Trim().Length > 0)];
        if (between.Length == 0 || (between.Length == 1 && between[0].TrimEnd().EndsWith("prints:", StringComparison.Ordinal)))
        {
            return "prints:";
        }
        return between.Length > 0 && between[^1].TrimEnd().EndsWith("among its lines:", StringComparison.Ordinal) ? "among its lines:" : null;
    }

    private static string StripComment(string line)
    {
        Match m = Regex.Match(line, @"\s+#\s");
        return (m.Success && !InQuotes(line, m.Index) ? line[..m.Index] : line).TrimEnd();
    }

    private static bool InQuotes(string s, int index) => s[..index].Count(c => c == '\'') % 2 == 1 || s[..index].Count(c => c == '"') % 2 == 1;

    /// <summary>Splits a command line as a POSIX shell would for the quoting the README uses: '…', "…" and plain words.</summary>
    public static string[] ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in line)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return [.. words];
    }
}
