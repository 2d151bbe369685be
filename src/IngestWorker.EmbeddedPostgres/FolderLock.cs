namespace IngestWorker.Postgres;

/// <summary>
/// An exclusive lock on a data folder, held while a process decides to start or stop the server there,
/// so two processes never both start one.
/// </summary>
internal sealed class FolderLock : IAsyncDisposable
{
    private readonly FileStream _file;

    private FolderLock(FileStream file) => _file = file;

    public static async Task<FolderLock> AcquireAsync(string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, "server.lock");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        while (true)
        {
            try
            {
                return new FolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
