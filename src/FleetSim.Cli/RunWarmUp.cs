using System.Runtime.CompilerServices;
using FleetSim.Reporting;

namespace FleetSim.Cli;

/// <summary>
/// The start-up work a cold <c>fleetsim run</c> meets last, done first on a spare core while the main thread parses
/// the command line, reads the scenario and simulates (issue 19's start-up): the first JSON serialization of a
/// <see cref="BillSummary"/> (System.Text.Json building its metadata by reflection, and the runtime compiling its
/// converters over <c>double</c>, <c>int</c>, …: about 40 ms in a new process, most of a cold run's time) and the
/// first SHA-256 (loading the system's crypto library for the provenance hash). What it leaves loaded and compiled
/// is the same code the run then uses, so output is unchanged; it only moves when that cost is paid.
/// </summary>
public static class RunWarmUp
{
    private static int _started;

    /// <summary>
    /// Starts the warm-up on a background thread when <paramref name="args"/> is a <c>run</c> command line, once per
    /// process (later calls, as in tests that call the CLI many times, find it done and start nothing).
    /// </summary>
    public static void Begin(string[] args)
    {
        if (args.Length == 0 || args[0] != "run" || Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }
        new Thread(WarmUp) { IsBackground = true, Name = "fleetsim run warm-up" }.Start();
    }

    /// <summary>
    /// The warm-up's work, on the calling thread: one SHA-256 and one bill.json of a <see cref="BillSummary"/> whose
    /// every field is zero or null (the serializer's metadata and the code for each field's type are what is wanted,
    /// not the text). Throws what they throw.
    /// </summary>
    public static void Prepare()
    {
        Provenance.Sha256("fleetsim"u8);
        BillJson.Serialize((BillSummary)RuntimeHelpers.GetUninitializedObject(typeof(BillSummary)));
    }

    private static void WarmUp()
    {
        try
        {
            Prepare();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A warm-up that fails leaves the run to pay the cost itself, where any real error is reported.
        }
    }
}
