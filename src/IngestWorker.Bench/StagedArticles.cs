namespace IngestWorker.Bench;

/// <summary>
/// Synthetic articles written to a staging folder before any clock starts, on the same filesystem as
/// the inbox, so a drop is a rename: the inbox sees whole files appear at once, as from a careful producer.
/// </summary>
internal sealed class StagedArticles
{
    private StagedArticles(string folder, IReadOnlyList<string> names)
    {
        Folder = folder;
        Names = names;
        _known = new HashSet<string>(names, StringComparer.Ordinal);
    }

    private readonly HashSet<string> _known;

    public string Folder { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Writes the articles one at a time, so their text is never all in memory at once.</summary>
    public static async Task<StagedArticles> WriteAsync(string folder, int count, int seed, ClaimDensity density, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var names = new List<string>(count);
        foreach (var (fileName, text) in SyntheticArticles.Generate(count, seed, density))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, fileName), text, ct);
            names.Add(fileName);
        }

        return new StagedArticles(folder, names);
    }

    public void Drop(string name, string inbox) => File.Move(Path.Combine(Folder, name), Path.Combine(inbox, name));

    public void DropAll(IEnumerable<string> names, string inbox)
    {
        foreach (var name in names)
        {
            Drop(name, inbox);
        }
    }

    /// <summary>Moves the articles back from wherever a run left them (archive, duplicates), ready for the next run.</summary>
    public void TakeBack(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList())
        {
            var name = Path.GetFileName(path);
            if (_known.Contains(name))
            {
                File.Move(path, Path.Combine(Folder, name));
            }
        }
    }
}
