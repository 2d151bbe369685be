using IngestWorker.Hosting;
using IngestWorker.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Cli;

/// <summary>
/// The database and services for one run of a one-shot verb (query, status, replay): uses the server
/// already running in the data folder, or starts one for as long as the verb runs.
/// </summary>
internal sealed class VerbSession : IAsyncDisposable
{
    private readonly DatabaseTarget _database;
    private readonly ServiceProvider _services;
    private readonly ILoggerFactory _loggers;

    private VerbSession(DatabaseTarget database, ServiceProvider services, ILoggerFactory loggers)
    {
        _database = database;
        _services = services;
        _loggers = loggers;
    }

    public static async Task<VerbSession> OpenAsync(DatabaseSettings settings, LoadedRules rules, CancellationToken ct, LogLevel logLevel = LogLevel.Warning)
    {
        // Logs go to stderr, so that stdout stays clean for --json.
        var loggers = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(logLevel));
        var database = await DatabaseTarget.OpenAsync(settings, loggers, ct);
        var collection = new ServiceCollection()
            .AddSingleton(loggers)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        collection.AddIngestCore(database.ConnectionString, rules);
        var services = collection.BuildServiceProvider();
        var session = new VerbSession(database, services, loggers);
        try
        {
            await services.GetRequiredService<DatabaseStartup>().EnsureReadyAsync(ct);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        return session;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public string DatabaseDescription => _database.Description;

    public async ValueTask DisposeAsync()
    {
        // The data source goes first, so the embedded server sees no session of ours when deciding to stop.
        await _services.DisposeAsync();
        await _database.DisposeAsync();
        _loggers.Dispose();
    }
}
