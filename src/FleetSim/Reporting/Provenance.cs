using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FleetSim.Reporting;

/// <summary>
/// How an output was made, written into every JSON (as <c>provenance</c>) and at the foot of every report,
/// so a figure pasted into a design document can be traced back and run again.
/// </summary>
/// <param name="FleetsimVersion">The fleetsim release, e.g. "0.1.0".</param>
/// <param name="Command">The command line as typed, each argument quoted where the shell would need it.</param>
/// <param name="Overrides">The <c>--set</c> overrides in the order applied (including those --router and --seed stand for).</param>
/// <param name="Seed">The seed the run's random numbers came from (the scenario's, or --seed).</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario file's bytes (of the built-in default's text when no file was given), lower-case hex.</param>
/// <param name="GeneratedUtc">When the output was made, UTC, to the second.</param>
public sealed record Provenance(string FleetsimVersion, string Command, IReadOnlyList<string> Overrides, int Seed,
                                string ScenarioSha256, DateTimeOffset GeneratedUtc)
{
    /// <summary>
    /// SHA-256 of <paramref name="bytes"/> (a scenario: at most <see cref="Scenario.InputLimits.MaxScenarioBytes"/>) as
    /// lower-case hex, by BouncyCastle's managed digest: the same digest as the system's (a test holds them together),
    /// without loading it. On Linux the system's is OpenSSL, whose loading took 2.3 ms of a 14 ms <c>run --json</c>
    /// (issue 19). Files of any size (traces, benchmark results) are hashed by the system's, hardware-accelerated
    /// (<see cref="InputFile.Of"/>), where that cost is paid once among much more work.
    /// </summary>
    public static string Sha256(ReadOnlySpan<byte> bytes)
    {
        var digest = new Org.BouncyCastle.Crypto.Digests.Sha256Digest();
        digest.BlockUpdate(bytes);
        Span<byte> hash = stackalloc byte[32];
        digest.DoFinal(hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The same facts as one line, for the foot of a Markdown or HTML report (the hash cut to 12 digits) and,
    /// with <paramref name="fullHash"/>, a PNG's text chunk.
    /// </summary>
    public string Line(bool fullHash = false) =>
        string.Create(CultureInfo.InvariantCulture,
            $"fleetsim {FleetsimVersion} · {Command} · seed {Seed} · scenario sha256 {(fullHash ? ScenarioSha256 : ScenarioSha256[..12] + "…")} · {GeneratedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");

    /// <summary>Joins arguments into one command line, single-quoting those a POSIX shell would split or expand.</summary>
    public static string CommandLine(IEnumerable<string> args)
    {
        var sb = new StringBuilder("fleetsim");
        foreach (string a in args)
        {
            sb.Append(' ');
            bool plain = a.Length > 0 && a.All(ch => char.IsAsciiLetterOrDigit(ch) || "-_./=:,+@%".Contains(ch));
            sb.Append(plain ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'");
        }
        return sb.ToString();
    }
}
