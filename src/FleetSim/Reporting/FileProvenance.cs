using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FleetSim.Reporting;

/// <summary>
/// How an output made from input files rather than a scenario (<c>trace fit</c>'s traffic.yaml, <c>replica fit</c>'s
/// replica.yaml, <c>trace summarize</c>'s profile.png) was made: the facts of <see cref="Provenance.Line"/> with each
/// input file's SHA-256 in place of the scenario's (there is no scenario, and no random numbers, so no seed).
/// </summary>
/// <param name="FleetsimVersion">The fleetsim release, e.g. "0.1.0".</param>
/// <param name="Command">The command line as typed (<see cref="Provenance.CommandLine"/>).</param>
/// <param name="Inputs">Each file read, in the order read, with the SHA-256 of its bytes as stored (a .gz file's compressed bytes).</param>
/// <param name="GeneratedUtc">When the output was made, UTC, to the second.</param>
public sealed record FileProvenance(string FleetsimVersion, string Command, IReadOnlyList<InputFile> Inputs, DateTimeOffset GeneratedUtc)
{
    /// <summary>
    /// The facts as one line, in <see cref="Provenance.Line"/>'s order and style: version, command, each input's
    /// full SHA-256, time. For a PNG's Description; line breaks in the command are written as spaces.
    /// </summary>
    public string Line() =>
        string.Create(CultureInfo.InvariantCulture,
            $"fleetsim {FleetsimVersion} · {OneLine(Command)} · {string.Join(" · ", Inputs.Select(i => $"{OneLine(i.Path)} sha256 {i.Sha256}"))} · {Stamp}");

    /// <summary>
    /// The facts as a YAML comment, to head a section that is pasted into a scenario (the scenario reader skips
    /// comments): a first line with version, command and time, then one line per input file in <c>sha256sum</c>'s
    /// form (hash, two spaces, path), so <c>sed -n 's/^# sha256 //p' FILE | sha256sum -c</c> checks them. Each line ends with <see cref="Environment.NewLine"/>.
    /// </summary>
    public string YamlComment()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# fleetsim {FleetsimVersion} · {OneLine(Command)} · {Stamp}");
        foreach (InputFile input in Inputs)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"# sha256 {input.Sha256}  {OneLine(input.Path)}");
        }
        return sb.ToString();
    }

    private string Stamp => GeneratedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}

/// <summary>One input file of an output, as <see cref="FileProvenance"/> names it.</summary>
/// <param name="Path">The path as given on the command line.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hex (64 digits).</param>
public sealed record InputFile(string Path, string Sha256)
{
    /// <summary>The file at <paramref name="path"/> with the SHA-256 of its bytes, read in a stream (constant memory).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static InputFile Of(string path)
    {
        using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return new InputFile(path, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}
