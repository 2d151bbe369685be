using System.Diagnostics;

namespace IngestWorker.FaultHarness;

/// <summary>A real full disk for the archive: a small tmpfs mounted over the folder and filled to the last byte.</summary>
public static class FullDisk
{
    /// <returns>False where this machine does not let the harness mount (not root, no tmpfs).</returns>
    public static bool TryMount(string folder, string size)
    {
        Directory.CreateDirectory(folder);
        return Environment.UserName == "root" && Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", folder) == 0;
    }

    /// <summary>Lazily, so a worker still running cannot keep it mounted.</summary>
    public static void Unmount(string folder) => Run("umount", "-l", folder);

    /// <summary>Writes a file until the disk says it is full.</summary>
    public static async Task FillAsync(string path, CancellationToken ct)
    {
        var block = new byte[1024 * 1024];
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                await file.WriteAsync(block, ct);
            }
        }
        catch (IOException)
        {
            // Full: the rest of a block does not fit; smaller writes take what is left.
        }

        try
        {
            while (true)
            {
                await file.WriteAsync(block.AsMemory(0, 4096), ct);
            }
        }
        catch (IOException)
        {
            // Not one more page.
        }
    }

    private static int Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
