namespace IngestWorker.Core.Tests;

/// <summary>Finds the repository and the shared gold file from wherever the test runner put the binaries.</summary>
internal static class TestPaths
{
    public static string RepoRoot => FindUp(dir => File.Exists(Path.Combine(dir, "IngestWorker.sln")))
        ?? throw new InvalidOperationException($"No IngestWorker.sln above {AppContext.BaseDirectory}.");

    /// <summary>seeds-gold.json lives in a "shared" folder beside the repository (../shared in CI).</summary>
    public static string SeedsGold => Path.Combine(
        FindUp(dir => File.Exists(Path.Combine(dir, "shared", "seeds-gold.json")))
            ?? throw new InvalidOperationException($"No shared/seeds-gold.json above {AppContext.BaseDirectory}."),
        "shared",
        "seeds-gold.json");

    public static string Seeds => Path.Combine(RepoRoot, "seeds");

    public static string ScoringScript => Path.Combine(RepoRoot, "tests", "scoring", "score_claims.py");

    public static string Articles => Path.Combine(AppContext.BaseDirectory, "Articles");

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
