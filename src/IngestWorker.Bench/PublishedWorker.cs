using System.Diagnostics;

namespace IngestWorker.Bench;

/// <summary>
/// The worker in the form it ships: <c>dotnet publish</c> of its project in Release (ReadyToRun, as
/// infra/Dockerfile builds it), into a folder of the bench's. The worker beside the bench is a plain build,
/// whose start is mostly the JIT's, so part 5 would time a form no user runs.
/// </summary>
internal static class PublishedWorker
{
    private const string Solution = "IngestWorker.sln";
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(20);

    /// <summary>Publishes the worker into <paramref name="folder"/> and returns the path of its program.</summary>
    public static async Task<string> PublishAsync(string folder, CancellationToken ct)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "IngestWorker", "IngestWorker.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", folder, "-nologo", "-v", "q" })
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var output = publish.StandardOutput.ReadToEndAsync(ct);
        var errors = publish.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(PublishLimit);
        try
        {
            await publish.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            publish.Kill(entireProcessTree: true);
            throw;
        }

        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the worker failed ({publish.ExitCode}):{Environment.NewLine}{await output}{await errors}");
        }

        return Path.Combine(folder, "IngestWorker.dll");
    }

    /// <summary>The clone the bench runs from: the first folder holding the solution, from the current folder or the bench's own up.</summary>
    private static string RepositoryRoot()
    {
        foreach (var from in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Solution)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"Part 5 publishes the worker from its sources: run the bench inside the repository (no {Solution} above {Environment.CurrentDirectory}).");
    }
}
