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
                sb.Append(text, i, KeptOfALongWord).Append($"… ({length:N0} characters)");
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
