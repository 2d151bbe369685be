using System.Text;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.ReadModels;

public sealed class SoloWorkerTests
{
    [Fact]
    public async Task A_worker_alone_on_its_database_runs_its_projections_from_its_start_and_lists_a_dropped_article()
    {
        // Given a worker told it is alone on its database (--solo).
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("solo"), solo: true);

        // Then its projections run as soon as it has started: no leader has to be elected and assign them first.
        var agents = worker.RunningAgents().Select(uri => uri.ToString()).ToList();
        Assert.Contains(agents, uri => uri.Contains("articles", StringComparison.Ordinal));
        Assert.Contains(agents, uri => uri.Contains("claims", StringComparison.Ordinal));

        // When an article is dropped, it is listed.
        await worker.DropAsync("kuwait.txt", Encoding.UTF8.GetBytes("Troops in Kuwait\n\nAbout 1,200 US troops are in Kuwait, officials said."));
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the dropped article is listed");
    }
}
