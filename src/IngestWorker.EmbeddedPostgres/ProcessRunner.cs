using System.Diagnostics;

namespace IngestWorker.Postgres;

/// <summary>Runs a server program to completion, as another system user when asked, and keeps its output for errors.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string program, IReadOnlyList<string> arguments, string? asUser, CancellationToken ct)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is null)
        {
            start.FileName = program;
        }
        else
        {
            // initdb and postgres refuse to run as root; runuser switches without asking for a password.
            start.FileName = "runuser";
            foreach (var part in new[] { "-u", asUser, "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The server must not inherit a locale the machine lacks.
        start.Environment["LC_ALL"] = "C";
        start.Environment["LANG"] = "C";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new Result(process.ExitCode, (await stdout + await stderr).Trim());
    }
}
