using IngestWorker.Database;
using IngestWorker.Hosting;
using IngestWorker.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace IngestWorker.Cli;

/// <summary>
/// The database and services for one run of a one-shot verb (query, status, replay): uses the server
/// already running in the data folder, or starts one for as long as the verb runs.
/// </summary>
internal sealed class VerbSession : IAsyncDisposable
{
    private readonly DatabaseTarget _database;
    private readonly IHost _host;
    private readonly ILoggerFactory _loggers;

    private VerbSession(DatabaseTarget database, IHost host, ILoggerFactory loggers)
    {
        _database = database;
        _host = host;
        _loggers = loggers;
    }

    /// <param name="messaging">Wolverine in-process only (mediator mode: no queues, no nodes), for a verb that sends commands (replay).</param>
    /// <param name="use">A reader (query, status) creates nothing: no server, no schema, no read model.</param>
    public static async Task<VerbSession> OpenAsync(DatabaseSettings settings, LoadedRules rules, CancellationToken ct, LogLevel logLevel = LogLevel.Warning,
        bool messaging = false, DatabaseUse use = DatabaseUse.Writer)
    {
        // Logs go to stderr, so that stdout stays clean for --json.
        var loggers = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(logLevel));
        var database = await DatabaseTarget.OpenAsync(settings, loggers, ct, use);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(loggers).AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddIngestCore(database.ConnectionString, rules,
            schemaCreation: use == DatabaseUse.Reader ? JasperFx.AutoCreate.None : JasperFx.AutoCreate.CreateOrUpdate);
        if (messaging)
        {
            builder.UseWolverine(wolverine =>
            {
                wolverine.ApplicationAssembly = typeof(VerbSession).Assembly;
                wolverine.Durability.Mode = DurabilityMode.MediatorOnly;
                wolverine.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Static;
            });
        }

        var host = builder.Build();
        var session = new VerbSession(database, host, loggers);
        try
        {
            await host.StartAsync(ct);
            var startup = host.Services.GetRequiredService<DatabaseStartup>();
            if (use == DatabaseUse.Reader)
            {
                if (!await startup.LogExistsAsync(ct))
                {
                    throw new NoDataYetException($"no data yet in {database.Description}: no worker has written its log there (start one with `IngestWorker run`)");
                }
            }
            else
            {
                await startup.EnsureReadyAsync(ct);
            }
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        return session;
    }

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Handles a command in-process through Wolverine (the session must be opened with messaging).</summary>
    public async Task<TResult> InvokeAsync<TResult>(object command, CancellationToken ct)
    {
        using var scope = _host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<TResult>(command, ct, timeout: Timeout.InfiniteTimeSpan);
    }

    public string DatabaseDescription => _database.Description;

    public async ValueTask DisposeAsync()
    {
        // The data source goes first, so the embedded server sees no session of ours when deciding to stop.
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        await _database.DisposeAsync();
        _loggers.Dispose();
    }
}
