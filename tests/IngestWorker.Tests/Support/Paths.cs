namespace IngestWorker.Tests.Support;

/// <summary>Folders of the repository the tests read from, and scratch folders they write to (in <see cref="TestRun.Folder"/>).</summary>
public static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Seeds => Path.Combine(RepositoryRoot, "seeds");

    public static string Scratch(string name)
    {
        var folder = Path.Combine(TestRun.Folder, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IngestWorker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The tests must run inside the repository (no IngestWorker.sln above " + AppContext.BaseDirectory + ").");
    }
}
