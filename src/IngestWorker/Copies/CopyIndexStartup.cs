using System.Diagnostics;
using IngestWorker.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Copies;

/// <summary>
/// Reads the log's articles into the syndication index once the worker has started, in the background:
/// start-up takes no longer, and the first question that counts reports (the articles, troops, bases,
/// history) finds the index built instead of building it for seconds. A question asked during the build
/// waits for it at <see cref="CopyIndex"/>' gate.
/// </summary>
public sealed class CopyIndexStartup(CopyIndex reports, IHostApplicationLifetime lifetime, ILogger<CopyIndexStartup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After the start, so the schema is in place and the build does not delay the host.
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        try
        {
            var clock = Stopwatch.StartNew();
            var added = await reports.CatchUpAsync(stoppingToken);
            Log.SyndicationIndexBuilt(logger, added, clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing is lost: the index is read up to date at the next question.
            Log.SyndicationIndexFailed(logger, e);
        }
    }
}
