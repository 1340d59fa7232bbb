using System.Security.Cryptography;
using FleetSim.Reporting;

namespace FleetSim.Tests.Reporting;

/// <summary>
/// A scenario's hash is taken by a managed SHA-256 (so a short run need not load OpenSSL): it must be the standard
/// digest, the one `sha256sum` prints and the system's SHA-256 gives, for every length around the 64-byte block.
/// </summary>
public class ScenarioDigestTests
{
    /// <summary>FIPS 180-4's examples (NIST CSRC, SHA256.pdf and SHA2_Additional.pdf).</summary>
    [TestCase("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void KnownVectors(string text, string hex)
    {
        Assert.That(Provenance.Sha256(System.Text.Encoding.ASCII.GetBytes(text)), Is.EqualTo(hex));
    }

    [Test]
    public void TheSameDigestAsTheSystemsForEveryLengthAroundABlock()
    {
        var random = new Random(19);
        int[] lengths = [.. Enumerable.Range(0, 200), 1_000, 4_096, 65_537, 1 << 20];
        foreach (int n in lengths)
        {
            byte[] bytes = new byte[n];
            random.NextBytes(bytes);
            Assert.That(Provenance.Sha256(bytes), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))), $"{n} bytes");
        }
    }
}
