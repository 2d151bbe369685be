using IngestWorker.Hosting;
using IngestWorker.Projections;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.ReadModels;

/// <summary>
/// Regression: during a bulk drop the claims projection (it extracts) falls behind the inbox, and Marten's daemon
/// fetched up to its default of 5,000 events ahead for it, bodies and all: ~4,250 articles were alive at the end
/// of a 5,000-file drop, most of the worker's peak memory.
/// </summary>
public sealed class LiveProjectionBufferTests
{
    [Fact]
    public async Task A_running_worker_holds_at_most_two_batches_of_events_ahead_of_each_live_projection()
    {
        // Given a worker running its live projections on a real database.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("live-buffer"), solo: true);

        // Then each of its live projections may fetch ahead no more than the batch it projects and the next one.
        var store = (DocumentStore)worker.Services.GetRequiredService<IDocumentStore>();
        var live = store.Options.Projections.All.Where(p => ReadModelSlices.All.LiveNames.Contains(p.Name)).ToList();
        Assert.Equal(ReadModelSlices.All.LiveNames.Count, live.Count);
        Assert.All(live, projection =>
        {
            Assert.Equal(ReadModelSet.LiveBatchSize, projection.Options.BatchSize);
            Assert.Equal(2 * ReadModelSet.LiveBatchSize, projection.Options.MaximumHopperSize);
        });
    }
}
