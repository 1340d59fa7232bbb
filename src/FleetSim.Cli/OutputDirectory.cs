namespace FleetSim.Cli;

/// <summary>
/// Writes a run's files into --out DIR all or nothing: every file goes to a temporary name first and
/// is renamed into place only once all of them are written. A folder that already holds any of the
/// files the verb writes (a previous run's output) is refused unless --force.
/// </summary>
public sealed class OutputDirectory
{
    private readonly string _path;
    private readonly string[] _declared;
    private readonly bool _force;
    private readonly List<(string Name, Action<string> Write)> _files = [];

    /// <summary>
    /// A folder to write into, checked at once, before the verb's work starts (so a target that cannot be
    /// written is refused before minutes of simulation, not after). <paramref name="files"/> are every file
    /// the verb may write there (a superset of what one run writes is fine); with <paramref name="force"/>
    /// a previous run's files are overwritten, and those of them this run does not write are removed at
    /// <see cref="Commit"/>, so the folder never mixes two runs.
    /// </summary>
    /// <exception cref="UsageException">
    /// The path is empty, unusable or a file; one of <paramref name="files"/> is a folder; or, without
    /// <paramref name="force"/>, one of them already exists (a previous run's output).
    /// </exception>
    public OutputDirectory(string path, IEnumerable<string> files, bool force)
    {
        CheckName(path);
        if (File.Exists(path))
        {
            throw new UsageException($"--out {path}: is a file, not a directory");
        }
        _path = path;
        _declared = [.. files];
        _force = force;
        RefuseFolderTargets(_declared);
        if (!force)
        {
            string[] previous = [.. _declared.Where(f => File.Exists(Path.Combine(path, f)))];
            if (previous.Length > 0)
            {
                throw new UsageException($"--out {path}: holds a previous run's files ({string.Join(", ", previous)}); add --force to overwrite them, or give another --out");
            }
        }
    }

    /// <summary>Refuses an --out that is empty, blank or not a usable path, before anything else looks at it.</summary>
    /// <exception cref="UsageException">The name cannot be a folder.</exception>
    public static void CheckName(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException("--out: give a folder to write into (it was empty)");
        }
        if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            throw new UsageException($"--out {path}: is not a usable folder name");
        }
    }

    /// <summary>A text file to write at <see cref="Commit"/>; its name must be one of those the constructor was given.</summary>
    /// <exception cref="InvalidOperationException">The name was not declared up front (a bug: it escaped the checks).</exception>
    public void Add(string fileName, Action<TextWriter> write) => AddBinary(fileName, path =>
    {
        using var writer = new StreamWriter(path);
        write(writer);
    });

    /// <summary>A file some library writes to a path of its own (a PNG); its name must be one of those the constructor was given.</summary>
    /// <exception cref="InvalidOperationException">The name was not declared up front (a bug: it escaped the checks).</exception>
    public void AddBinary(string fileName, Action<string> write)
    {
        if (!_declared.Contains(fileName, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"{fileName} was not among the files declared for --out");
        }
        _files.Add((fileName, write));
    }

    /// <summary>
    /// Writes every file, all or nothing. Every target is checked before anything is written (a target
    /// that is an existing folder is refused by name); the files are written into a private staging folder
    /// inside --out and moved into place only once all of them are written. On failure nothing new is
    /// left behind. Returns the paths written.
    /// </summary>
    /// <exception cref="UsageException">A target is an existing folder, or --out cannot be a folder.</exception>
    public IReadOnlyList<string> Commit()
    {
        RefuseFolderTargets(_files.Select(f => f.Name));
        bool createdBefore = Directory.Exists(_path);
        try
        {
            Directory.CreateDirectory(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {_path}: cannot make this folder ({Reason(e)})");
        }
        string staging = Path.Combine(_path, $".fleetsim-partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var staged = new List<(string Temp, string Final)>();
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var (name, write) in _files)
            {
                string temp = Path.Combine(staging, name);
                staged.Add((temp, Path.Combine(_path, name)));
                Directory.CreateDirectory(Path.GetDirectoryName(temp)!); // a name may hold a subfolder (plan's deploy/)
                write(temp);
            }
            foreach (var (temp, final) in staged)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                File.Move(temp, final, overwrite: true);
            }
            if (_force)
            {
                foreach (string stale in _declared.Except(_files.Select(f => f.Name), StringComparer.Ordinal))
                {
                    string file = Path.Combine(_path, stale);
                    if (File.Exists(file))
                    {
                        File.Delete(file);
                    }
                    // A subfolder only stale files were in (plan's deploy/) goes with them.
                    if (Path.GetDirectoryName(file) is { } folder && folder != _path && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                    {
                        Directory.Delete(folder);
                    }
                }
            }
        }
        catch (Exception e)
        {
            if (!createdBefore && Directory.Exists(_path))
            {
                Directory.Delete(_path, recursive: true);
            }
            if (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out {_path}: cannot write there ({Reason(e)}); nothing was written");
            }
            throw;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        return [.. staged.Select(w => w.Final)];
    }

    private void RefuseFolderTargets(IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            string final = Path.Combine(_path, name);
            if (Directory.Exists(final))
            {
                throw new UsageException($"--out {_path}: {final} is a folder, so {name} cannot be written there; nothing was written");
            }
        }
    }

    /// <summary>Why the system refused, without the staging folder's name or the full path it already names.</summary>
    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        DirectoryNotFoundException => "a part of the path is not a folder",
        _ => e.Message.Replace(Environment.NewLine, " ", StringComparison.Ordinal),
    };
}
