using System.Globalization;
using IngestWorker.Database;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Database;

/// <summary>Two workers started at the same moment: on one data folder, and on one external database.</summary>
public sealed class SharedStartTests
{
    [Fact]
    public async Task Regression_a_second_worker_on_a_data_folder_in_use_says_in_one_line_which_process_has_it_and_exits_with_2()
    {
        // Given a data folder a worker holds (this test process, standing in for it).
        var folder = Paths.Scratch("folder-in-use");
        var data = Path.Combine(folder, ".ingest");
        using var held = WorkerFolderLock.Acquire(data);

        // When a second worker is started on the same folder.
        var result = await CommandLine.RunAsync(folder, "run", "--data", data, "--urls", "http://127.0.0.1:0");

        // Then it stops at once, in one line naming the folder and the holder's pid, before any server is made.
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("in use", line, StringComparison.Ordinal);
        Assert.Contains(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(data, "cluster")), "the second worker made no server");
    }

    [Fact]
    public async Task Regression_two_workers_started_at_once_on_one_fresh_database_both_create_the_schema_and_run()
    {
        // Given a database no worker has used yet.
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();

        // When two workers start on it at the same moment.
        var starts = new[] { "first", "second" }
            .Select(name => Task.Run(() => RunningWorker.StartAsync(connectionString, Paths.Scratch($"shared-start-{name}"))))
            .ToArray();
        var started = await Task.WhenAll(starts);

        // Then both run and answer from the one schema.
        try
        {
            foreach (var worker in started)
            {
                Assert.Empty(await worker.ArticlesAsync());
            }
        }
        finally
        {
            foreach (var worker in started)
            {
                await worker.DisposeAsync();
            }
        }
    }
}
