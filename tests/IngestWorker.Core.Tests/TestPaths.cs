namespace IngestWorker.Core.Tests;

/// <summary>Finds the repository and the test data copied beside the binaries; nothing outside the repository is read.</summary>
internal static class TestPaths
{
    public static string RepoRoot => FindUp(dir => File.Exists(Path.Combine(dir, "IngestWorker.sln")))
        ?? throw new InvalidOperationException($"No IngestWorker.sln above {AppContext.BaseDirectory}.");

    public static string Seeds => Path.Combine(RepoRoot, "seeds");

    public static string Articles => Path.Combine(AppContext.BaseDirectory, "Articles");

    /// <summary>Gold claims of the five seeds, annotated by hand.</summary>
    public static string SeedsGold => Path.Combine(AppContext.BaseDirectory, "Gold", "seeds-gold.json");

    /// <summary>Gold claims of the 54 real reports under <see cref="DevArticles"/>.</summary>
    public static string DevGold => Path.Combine(AppContext.BaseDirectory, "Gold", "dev-gold.json");

    public static string DevArticles => Path.Combine(AppContext.BaseDirectory, "Gold", "dev-articles");

    private static string? FindUp(Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (found(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
