using System.Diagnostics;

namespace IngestWorker.Tests.Support;

/// <summary>A tiny tmpfs mounted over a folder, to fill a real file system; only root may mount one.</summary>
public static class SmallDisk
{
    /// <returns>False where this machine does not let the tests mount (not root, no tmpfs).</returns>
    public static bool TryMount(string folder, string size) =>
        Environment.UserName == "root" && Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", folder) == 0;

    public static void Unmount(string folder) => Run("umount", folder);

    private static int Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
