namespace FleetSim.Cli;

/// <summary>
/// Writes a run's files into --out DIR all or nothing: every file goes to a temporary name first and
/// is renamed into place only once all of them are written.
/// </summary>
public sealed class OutputDirectory
{
    private readonly string _path;
    private readonly List<(string Name, Action<TextWriter> Write)> _files = [];

    public OutputDirectory(string path)
    {
        if (File.Exists(path))
        {
            throw new UsageException($"--out {path}: is a file, not a directory");
        }
        _path = path;
    }

    public void Add(string fileName, Action<TextWriter> write) => _files.Add((fileName, write));

    /// <summary>Writes every file; on failure nothing is left behind. Returns the paths written.</summary>
    public IReadOnlyList<string> Commit()
    {
        Directory.CreateDirectory(_path);
        var written = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (name, write) in _files)
            {
                string final = Path.Combine(_path, name);
                string temp = final + ".partial";
                using (var writer = new StreamWriter(temp))
                {
                    write(writer);
                }
                written.Add((temp, final));
            }
        }
        catch
        {
            foreach (var (temp, _) in written)
            {
                File.Delete(temp);
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
