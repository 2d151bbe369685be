using IngestWorker.Replay;
using JasperFx;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Core;
using Wolverine;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace IngestWorker.Hosting;

/// <summary>
/// Wolverine's tables beside the log (<see cref="WorkerApp.WolverineSchema"/>), as the schema stamp covers them: its
/// message storage, which Wolverine compares with the database and migrates at its own start, and the tables of the
/// replay's queue, which its PostgreSQL transport makes.
/// </summary>
public sealed class WolverineStorage
{
    private readonly WolverineOptions _options;

    private WolverineStorage(IReadOnlyList<ISchemaObject> objects, IReadOnlyList<string> tables, WolverineOptions options)
    {
        Objects = objects;
        Tables = tables;
        _options = options;
    }

    /// <summary>The message storage's tables and functions as Wolverine would create them.</summary>
    public IReadOnlyList<ISchemaObject> Objects { get; }

    /// <summary>Tables the transport makes, by the names Wolverine gives them (their shape follows Wolverine's version, which the stamp covers).</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>The worker's Wolverine storage; null where Wolverine keeps none (a one-shot verb's in-process messaging, or none at all).</summary>
    public static WolverineStorage? Find(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<IWolverineRuntime>() is not { Storage: MessageDatabase<NpgsqlConnection> messages } runtime)
        {
            return null;
        }

        var queue = $"{WorkerApp.WolverineSchema}.wolverine_queue_{ReplayRangeQueue.Name}";
        return new WolverineStorage(messages.AllObjects().ToList(), [queue, queue + "_scheduled"], runtime.Options);
    }

    /// <summary>
    /// The stamp says Wolverine's storage is as this worker's Wolverine would make it: Wolverine then only probes that its
    /// tables are there at its start (as with schema creation off) instead of comparing each with the database.
    /// </summary>
    public void SkipMigrationAtStart() => _options.AutoBuildMessageStorageOnStartup = AutoCreate.None;
}
