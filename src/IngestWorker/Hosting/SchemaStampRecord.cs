using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Hosting;

/// <summary>
/// Records the schema's stamp once the host has started: by then Marten's schema was migrated (<see cref="DatabaseStartup"/>)
/// and Wolverine has migrated its own storage, so a stamp never covers tables a failed start left unmade.
/// </summary>
public sealed class SchemaStampRecord(DatabaseStartup startup, SchemaStamp stamp, IHostApplicationLifetime lifetime, ILogger<SchemaStampRecord> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        if (startup.PendingStamp is not { } fingerprint)
        {
            return;
        }

        try
        {
            await stamp.RecordAsync(fingerprint, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only a cost: the next start compares the schema, as it did before stamps.
            Log.SchemaStampFailed(logger, e);
        }
    }
}
