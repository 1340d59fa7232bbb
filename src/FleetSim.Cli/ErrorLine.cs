using System.Text;

namespace FleetSim.Cli;

/// <summary>
/// The one line a refused command prints on stderr: "fleetsim: " and the message, with any single
/// word of it (a key, a value or a path the user typed) longer than <see cref="LongestWord"/>
/// characters cut to its first <see cref="KeptOfALongWord"/> and its length, so a 5,000-character
/// key is named, not echoed whole.
/// </summary>
public static class ErrorLine
{
    /// <summary>The longest word (run of characters without white space) echoed whole: longer than any real file path.</summary>
    public const int LongestWord = 160;

    /// <summary>What is kept of a longer word.</summary>
    public const int KeptOfALongWord = 60;

    private const string Framing = "'\"([{}]):;,.";

    /// <summary>"fleetsim: " + <paramref name="message"/> on one line, long words cut.</summary>
    public static string Of(string message)
    {
        var sb = new StringBuilder("fleetsim: ");
        int i = 0;
        string text = message.ReplaceLineEndings(" ");
        while (i < text.Length)
        {
            int end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }
            int length = end - i;
            if (length > LongestWord)
            {
                // Quotes, brackets and a closing colon stay as typed around the cut; only what lies between them is counted.
                int start = i, stop = end;
                while (start < stop && Framing.Contains(text[start]))
                {
                    start++;
                }
                while (stop > start && Framing.Contains(text[stop - 1]))
                {
                    stop--;
                }
                sb.Append(text, i, start - i).Append(text, start, Math.Min(KeptOfALongWord, stop - start))
                  .Append($"… ({stop - start:N0} characters)").Append(text, stop, end - stop);
            }
            else
            {
                sb.Append(text, i, length);
            }
            int next = end;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }
            sb.Append(text, end, next - end);
            i = next;
        }
        return sb.ToString();
    }
}
