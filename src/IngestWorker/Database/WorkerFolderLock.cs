using System.Globalization;

namespace IngestWorker.Database;

/// <summary>
/// One worker per data folder: held for the worker's whole life (released by the kernel when the process
/// dies, even by SIGKILL), so a second worker started on the same folder stops at once with one line
/// naming the process that has it, instead of racing the first to create the server or the schema.
/// One-shot verbs (query, status, replay) do not take it: they share the running worker's server.
/// </summary>
public sealed class WorkerFolderLock : IDisposable
{
    private const string LockFileName = "worker.lock";
    private const string OwnerFileName = "worker.pid";

    private readonly FileStream _lock;

    private WorkerFolderLock(FileStream held) => _lock = held;

    /// <exception cref="DataFolderInUseException">Another worker holds the folder.</exception>
    public static WorkerFolderLock Acquire(string dataFolder)
    {
        dataFolder = Path.GetFullPath(dataFolder);
        Directory.CreateDirectory(dataFolder);
        FileStream held;
        try
        {
            // FileShare.None is an exclusive flock on Linux: no second holder, in this process or another.
            held = new FileStream(Path.Combine(dataFolder, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DataFolderInUseException(dataFolder, OwnerOf(dataFolder));
        }

        File.WriteAllText(Path.Combine(dataFolder, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new WorkerFolderLock(held);
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>The pid the holder wrote; it writes it just after taking the lock, so a second look waits a moment for it.</summary>
    private static int? OwnerOf(string dataFolder)
    {
        var path = Path.Combine(dataFolder, OwnerFileName);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            Thread.Sleep(50);
        }

        return null;
    }
}
