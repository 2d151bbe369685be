using IngestWorker.Hosting;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using IngestWorker.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Tests.Operations;

/// <summary>
/// The worker logs from Information up unless whoever runs it says otherwise, and keeps Wolverine's report of a
/// failed inbox batch out of the log (the inbox says what became of the batch) without quieting the inbox itself.
/// Built, not started: the levels are the logger factory's, which needs no database.
/// </summary>
public sealed class LogLevelTests
{
    [Fact]
    public async Task Regression_the_worker_logs_from_information_up_and_a_runner_that_asks_for_warnings_gets_warnings()
    {
        // Given the worker as it ships, and one whose runner asks for warnings only (as the bench and the tests do).
        await using var shipped = Build("log-levels-shipped", configure: null);
        await using var quiet = Build("log-levels-quiet", (logging, _) => logging.SetMinimumLevel(LogLevel.Warning));

        // Then the shipped worker says what became of each file, and nothing below Information from any library.
        Assert.True(Logger(shipped, typeof(IngestFilesHandler).FullName!).IsEnabled(LogLevel.Information));
        Assert.False(Logger(shipped, typeof(IngestFilesHandler).FullName!).IsEnabled(LogLevel.Debug));
        Assert.False(Logger(shipped, "Microsoft.Extensions.Hosting.Internal.Host").IsEnabled(LogLevel.Debug));

        // And Wolverine's category for the inbox's batches is silent, even for errors.
        Assert.False(Logger(shipped, typeof(FilesToIngest).FullName!).IsEnabled(LogLevel.Critical));

        // And the quiet worker keeps its warnings and nothing under them.
        Assert.False(Logger(quiet, typeof(IngestFilesHandler).FullName!).IsEnabled(LogLevel.Information));
        Assert.True(Logger(quiet, typeof(IngestFilesHandler).FullName!).IsEnabled(LogLevel.Warning));
        Assert.False(Logger(quiet, "Microsoft.Extensions.Hosting.Internal.Host").IsEnabled(LogLevel.Information));
    }

    private static WebApplication Build(string scratch, Action<ILoggingBuilder, IServiceCollection>? configure)
    {
        var inbox = new InboxOptions { InboxFolder = Path.Combine(Paths.Scratch(scratch), "inbox") };
        var settings = new WorkerSettings(inbox, LoadedRules.Default, "http://127.0.0.1:0", new ProjectionOptions());
        return WorkerApp.Build(settings, "Host=127.0.0.1;Database=never_opened", configure);
    }

    private static ILogger Logger(WebApplication app, string category) =>
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);
}
