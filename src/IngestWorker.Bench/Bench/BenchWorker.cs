using IngestWorker.Articles;
using IngestWorker.Hosting;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>The real worker (inbox, daemon, HTTP API on a loopback port) in this process, with its default settings.</summary>
internal sealed class BenchWorker : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchWorker(WebApplication app, InboxOptions inbox)
    {
        _app = app;
        Inbox = inbox;
    }

    public InboxOptions Inbox { get; }

    public ArticleQueries Articles => _app.Services.GetRequiredService<ArticleQueries>();

    public NpgsqlDataSource DataSource => _app.Services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<BenchWorker> StartAsync(string connectionString, string folder, CancellationToken ct)
    {
        var inbox = new InboxOptions { InboxFolder = Path.Combine(folder, "inbox") };
        Directory.CreateDirectory(inbox.ResolvedInbox);
        var settings = new WorkerSettings(inbox, LoadedRules.Default, "http://127.0.0.1:0", new ProjectionOptions());

        // Warnings only, and to stderr: stdout belongs to the report.
        var app = WorkerApp.Build(settings, connectionString, (logging, _) => logging
            .ClearProviders()
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning));
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new BenchWorker(app, inbox);
    }

    /// <summary>How many articles the live read model lists.</summary>
    public async Task<long> ArticleCountAsync(CancellationToken ct)
    {
        await using var command = DataSource.CreateCommand($"select count(*) from {ReadModelSchema.Live}.articles");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
