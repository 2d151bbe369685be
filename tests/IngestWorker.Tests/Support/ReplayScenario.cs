using System.Text;
using System.Text.Json;
using IngestWorker.Bases;
using IngestWorker.Projections;
using IngestWorker.Replay;
using IngestWorker.Status;
using IngestWorker.Troops;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.Support;

/// <summary>What the replay tests share: a log of short reports, and the model as a user sees it, to compare before and after.</summary>
public static class ReplayScenario
{
    /// <summary>
    /// Drops <paramref name="count"/> reports (<c>report-000.txt</c>, …), each with the text <paramref name="text"/> gives
    /// its number, and waits until all are listed and every projection has caught up.
    /// </summary>
    public static async Task DropReportsAsync(RunningWorker worker, int count, Func<int, string> text)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < count; i++)
        {
            await worker.DropAsync($"report-{i:D3}.txt", Encoding.UTF8.GetBytes(text(i)));
        }

        await Eventually.HoldsAsync(async () =>
        {
            var status = await worker.Services.GetRequiredService<StatusQueries>().GetAsync(null, CancellationToken.None);
            return status.Articles == count && status.Projections.All(p => p.Lag == 0);
        }, $"{count} articles are projected", TimeSpan.FromMinutes(2));
    }

    /// <summary>Replays the worker's log with the built-in rules, as `replay` does, and swaps the new model in.</summary>
    public static Task<ReplayReport> ReplayAsync(RunningWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return worker.Services.GetRequiredService<Replayer>().ReplayAsync(LoadedRules.Default, dryRun: false, ReplayProgress.None, CancellationToken.None);
    }

    /// <summary>What a user sees of the model: articles, troop counts, their history and base statuses, as JSON.</summary>
    public static async Task<string> ModelAsync(RunningWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var troops = worker.Services.GetRequiredService<TroopQueries>();
        var bases = worker.Services.GetRequiredService<BaseQueries>();
        return JsonSerializer.Serialize(new
        {
            Articles = await worker.ArticlesAsync(),
            Troops = await troops.TroopsAsync(null, null, null, CancellationToken.None),
            History = await troops.HistoryAsync(null, null, null, CancellationToken.None),
            Bases = await bases.BasesAsync(null, null, CancellationToken.None),
        });
    }
}
