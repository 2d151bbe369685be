using IngestWorker.Articles;
using IngestWorker.Hosting;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace IngestWorker.Tests.Support;

/// <summary>The real worker (inbox, daemon, HTTP API) in this process, on a folder of its own and a real database.</summary>
public sealed class RunningWorker : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;
    private bool _disposed;

    private RunningWorker(WebApplication app, InboxOptions inbox)
    {
        _app = app;
        Inbox = inbox;
    }

    public InboxOptions Inbox { get; }

    public IServiceProvider Services => _app.Services;

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public static async Task<RunningWorker> StartAsync(string connectionString, string folder, LoadedRules? rules = null,
        Action<InboxOptions>? configure = null, ProjectionOptions? projections = null, Action<IServiceCollection>? services = null,
        IngestWorker.Postgres.EmbeddedPostgres? embeddedServer = null, IngestWorker.Operations.ReadinessOptions? readiness = null, bool solo = false, bool schemaCreation = true)
    {
        // Tests drop finished files (renamed into the inbox): a short settle time keeps the suite quick.
        var inbox = new InboxOptions
        {
            InboxFolder = Path.Combine(folder, "inbox"),
            RescanInterval = TimeSpan.FromMilliseconds(500),
            SettleTime = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(inbox);
        var settings = new WorkerSettings(inbox, rules ?? LoadedRules.Default, "http://127.0.0.1:0",
            projections ?? new ProjectionOptions(), readiness, SchemaCreation: schemaCreation, Solo: solo);
        var app = WorkerApp.Build(settings, connectionString, (logging, collection) =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            services?.Invoke(collection);
        }, embeddedServer);
        await app.StartAsync();
        return new RunningWorker(app, inbox);
    }

    /// <summary>The Wolverine agents (projections among them) running in this worker now.</summary>
    public IReadOnlyList<Uri> RunningAgents() => _app.RunningAgents();

    public Task<IReadOnlyList<ArticleSummary>> ArticlesAsync() => _app.Services.GetRequiredService<ArticleQueries>().ListAsync(CancellationToken.None);

    public string InboxPath(string name) => Path.Combine(Inbox.ResolvedInbox, name);

    public IReadOnlyList<string> FilesIn(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Writes under a temporary name and renames, as a careful producer does.</summary>
    public async Task DropAsync(string name, byte[] content)
    {
        Directory.CreateDirectory(Inbox.ResolvedInbox);
        var temporary = InboxPath(name) + ".part";
        await File.WriteAllBytesAsync(temporary, content);
        File.Move(temporary, InboxPath(name), overwrite: true);
    }

    public async Task DropSeedsAsync()
    {
        foreach (var seed in Directory.GetFiles(Paths.Seeds))
        {
            await DropAsync(Path.GetFileName(seed), await File.ReadAllBytesAsync(seed));
        }
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _app.StopAsync(timeout.Token);
    }

    /// <summary>
    /// Stops and disposes the worker, once (a test that disposes it itself still holds it in <c>await using</c>); one that
    /// does not let go within a minute fails the test that owns it, naming why.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync();
        try
        {
            await _app.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            Assert.Fail("The worker's host was not disposed within a minute: something it runs never stopped.");
        }
    }
}
