namespace IngestWorker.Cli;

/// <summary>The sample corpus in the project's seeds/ folder, for <c>--demo</c>.</summary>
internal static class SampleArticles
{
    /// <summary>seeds/ in the current folder or above it, else beside the program.</summary>
    public static string Folder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var seeds = Path.Combine(dir.FullName, "seeds");
                if (Directory.Exists(seeds))
                {
                    return seeds;
                }
            }
        }

        throw new DirectoryNotFoundException("--demo needs the seeds/ folder of the project; run it from the project's folder.");
    }

    /// <summary>Copies under a temporary name and renames, so the inbox never sees half a file.</summary>
    public static IReadOnlyList<string> CopyInto(string inbox)
    {
        Directory.CreateDirectory(inbox);
        var copied = new List<string>();
        foreach (var seed in Directory.EnumerateFiles(Folder()).Order(StringComparer.Ordinal))
        {
            var target = Path.Combine(inbox, Path.GetFileName(seed));
            var temporary = target + ".part";
            File.Copy(seed, temporary, overwrite: true);
            File.Move(temporary, target, overwrite: true);
            copied.Add(target);
        }

        return copied;
    }
}
