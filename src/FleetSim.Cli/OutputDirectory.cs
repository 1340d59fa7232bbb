namespace FleetSim.Cli;

/// <summary>
/// Writes a run's files into --out DIR all or nothing: every file goes to a temporary name first and
/// is renamed into place only once all of them are written.
/// </summary>
public sealed class OutputDirectory
{
    private readonly string _path;
    private readonly List<(string Name, Action<string> Write)> _files = [];

    public OutputDirectory(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException("--out: give a folder to write into (it was empty)");
        }
        if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            throw new UsageException($"--out {path}: is not a usable folder name");
        }
        if (File.Exists(path))
        {
            throw new UsageException($"--out {path}: is a file, not a directory");
        }
        _path = path;
    }

    public void Add(string fileName, Action<TextWriter> write) => _files.Add((fileName, path =>
    {
        using var writer = new StreamWriter(path);
        write(writer);
    }
    ));

    /// <summary>A file some library writes to a path of its own (a PNG).</summary>
    public void AddBinary(string fileName, Action<string> write) => _files.Add((fileName, write));

    /// <summary>Writes every file; on failure nothing is left behind. Returns the paths written.</summary>
    public IReadOnlyList<string> Commit()
    {
        bool createdBefore = Directory.Exists(_path);
        Directory.CreateDirectory(_path);
        var written = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (name, write) in _files)
            {
                string final = Path.Combine(_path, name);
                string temp = final + ".partial";
                written.Add((temp, final));
                write(temp);
            }
        }
        catch
        {
            foreach (var (temp, _) in written)
            {
                File.Delete(temp);
            }
            if (!createdBefore && Directory.Exists(_path) && !Directory.EnumerateFileSystemEntries(_path).Any())
            {
                Directory.Delete(_path);
            }
            throw;
        }
        foreach (var (temp, final) in written)
        {
            File.Move(temp, final, overwrite: true);
        }
        return [.. written.Select(w => w.Final)];
    }
}
