using IngestWorker.Articles;
using IngestWorker.EventStore;
using IngestWorker.Hosting;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using IngestWorker.Replay;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>
/// The real worker (inbox, Wolverine, Marten's daemon, HTTP API on a loopback port) in this process, with
/// its default settings, started and primed: one article of its own is ingested and listed before the
/// worker is handed over, so that what is timed is the worker at work, not Wolverine handing out the
/// projection agents at start (part 5 times that).
/// </summary>
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

    public IServiceProvider Services => _app.Services;

    /// <param name="settleTime">The inbox's settle time; null keeps the worker's default.</param>
    public static async Task<BenchWorker> StartAsync(string connectionString, string folder, CancellationToken ct, TimeSpan? settleTime = null)
    {
        var inbox = new InboxOptions { InboxFolder = Path.Combine(folder, "inbox") };
        inbox.SettleTime = settleTime ?? inbox.SettleTime;
        Directory.CreateDirectory(inbox.ResolvedInbox);
        var settings = new WorkerSettings(inbox, LoadedRules.Default, "http://127.0.0.1:0", new ProjectionOptions());

        // Warnings only, and to stderr: stdout belongs to the report. A replay's ranges say where their time went.
        var app = WorkerApp.Build(settings, connectionString, (logging, _) => logging
            .ClearProviders()
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter(typeof(ReplayRangeWork).FullName, LogLevel.Debug)
            .AddFilter(typeof(Replayer).FullName, LogLevel.Debug));
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var worker = new BenchWorker(app, inbox);
        try
        {
            await worker.PrimeAsync(ct);
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }

        return worker;
    }

    /// <summary>How many articles the live read model lists, the primer not counted.</summary>
    public async Task<long> ArticleCountAsync(CancellationToken ct) => await ListedAsync(ct) - 1;

    private async Task<long> ListedAsync(CancellationToken ct)
    {
        await using var command = DataSource.CreateCommand($"select count(*) from {ReadModelSchema.Live}.articles");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Until every live projection's checkpoint has reached the last event of the log: the claims projection, which
    /// extracts, is the last to get there.
    /// </summary>
    public async Task UntilProjectionsCaughtUpAsync(TimeSpan limit, CancellationToken ct)
    {
        var store = _app.Services.GetRequiredService<IDocumentStore>();
        var names = ReadModelSlices.All.LiveNames;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            await using var last = DataSource.CreateCommand($"select coalesce(max(seq_id), 0) from {LogSql.Events}");
            var head = (long)(await last.ExecuteScalarAsync(ct))!;
            var progress = await store.Advanced.AllProjectionProgress(token: ct);
            var behind = names.Where(name => !progress.Any(shard => shard.ShardName.Split(':')[0] == name && shard.Sequence >= head)).ToList();
            if (behind.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The projections {string.Join(", ", behind)} had not reached sequence {head} after {limit.TotalSeconds:F0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), ct);
        }
    }

    /// <summary>Drops an article of the worker's own and waits until it is listed; its file is then cleared from the archive.</summary>
    private async Task PrimeAsync(CancellationToken ct)
    {
        const string name = "bench-primer.md";
        var staging = Path.Combine(Path.GetDirectoryName(Inbox.ResolvedInbox)!, name);
        await File.WriteAllTextAsync(staging, $"---\ntitle: Primer {Guid.NewGuid():N}\n---\nThe bench primes the worker with this article.\n", ct);
        File.Move(staging, Path.Combine(Inbox.ResolvedInbox, name));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await ListedAsync(ct) < 1)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The bench's worker had not listed its primer article 90 s after it was dropped into {Inbox.ResolvedInbox}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), ct);
        }

        var archived = Path.Combine(Inbox.ResolvedArchive, name);
        while (!File.Exists(archived))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), ct);
        }

        File.Delete(archived);
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
