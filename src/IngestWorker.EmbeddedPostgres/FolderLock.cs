namespace IngestWorker.Postgres;

/// <summary>
/// An exclusive lock on a data folder, held while a process decides to start or stop the server there,
/// so two processes never both start one.
/// </summary>
internal sealed class FolderLock : IAsyncDisposable
{
    /// <summary>How long a process waits for another to finish starting or stopping the server.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(120);

    private readonly FileStream _file;

    private FolderLock(FileStream file) => _file = file;

    /// <exception cref="IOException">The folder is gone, or another process held the lock all the while.</exception>
    public static async Task<FolderLock> AcquireAsync(string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, "server.lock");
        var deadline = DateTime.UtcNow + LongestWait;
        while (true)
        {
            try
            {
                return new FolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (e is not DirectoryNotFoundException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new IOException($"{path} stayed locked by another process for {LongestWait.TotalSeconds:F0} s.", e);
                }

                await Task.Delay(100, ct);
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
