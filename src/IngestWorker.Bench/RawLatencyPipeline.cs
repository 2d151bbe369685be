using System.Threading.Channels;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>
/// The raw floor of a lone drop's latency: a FileSystemWatcher hands each new file straight to one
/// INSERT that commits on its own. No settle time, no batching, no log, no projection.
/// </summary>
internal sealed class RawLatencyPipeline : IAsyncDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly Channel<string> _arrived = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _consumer;

    private RawLatencyPipeline(NpgsqlDataSource dataSource, string inbox, string archive, CancellationToken ct)
    {
        Directory.CreateDirectory(archive);
        _watcher = new FileSystemWatcher(inbox) { IncludeSubdirectories = false };
        _watcher.Created += (_, e) => _arrived.Writer.TryWrite(e.FullPath);
        _watcher.Renamed += (_, e) => _arrived.Writer.TryWrite(e.FullPath);
        _watcher.EnableRaisingEvents = true;
        _consumer = ConsumeAsync(dataSource, archive, ct);
    }

    public static RawLatencyPipeline Start(NpgsqlDataSource dataSource, string inbox, string archive, CancellationToken ct)
    {
        Directory.CreateDirectory(inbox);
        return new RawLatencyPipeline(dataSource, inbox, archive, ct);
    }

    public async ValueTask DisposeAsync()
    {
        _watcher.Dispose();
        _arrived.Writer.TryComplete();
        await _consumer;
    }

    private async Task ConsumeAsync(NpgsqlDataSource dataSource, string archive, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await foreach (var path in _arrived.Reader.ReadAllAsync(ct))
        {
            // A rename can be reported twice (created, renamed); the second finds the file gone.
            if (File.Exists(path))
            {
                await RawArticleTable.IngestOneAsync(connection, path, archive, ct);
            }
        }
    }
}
