using System.Diagnostics;
using System.Text;
using IngestWorker.Tests.Support;
using IngestWorker.Tools;

namespace IngestWorker.Tests.Cli;

public sealed class ExtractSignalTests
{
    /// <summary>How many times the long article is named: read to the end, the batch takes about two minutes.</summary>
    private const int Repeats = 40;

    [Fact]
    public async Task Regression_SIGTERM_stops_extract_in_the_middle_of_a_long_batch()
    {
        // Given an extract run over a batch that takes far longer to read than the wait below.
        var folder = Paths.Scratch("extract-sigterm");
        var article = Path.Combine(folder, "long-report.txt");
        await File.WriteAllTextAsync(article, LongArticle());
        await using var extract = WorkerProcess.Start(["extract", .. Enumerable.Repeat(article, Repeats)], workingDirectory: folder);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.False(extract.HasExited, "the batch ended before the signal: make the article longer. " + extract.Tail());

        // When a service manager or a shell's kill sends SIGTERM.
        var clock = Stopwatch.StartNew();
        await extract.StopAsync(TimeSpan.FromSeconds(30));

        // Then it stops within seconds, by itself (no SIGKILL was needed), and does not claim success.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"extract took {clock.Elapsed} to stop");
        Assert.NotEqual(137, extract.ExitCode);
        Assert.NotEqual(0, extract.ExitCode);
    }

    /// <summary>About 3 MB of plain reporting with figures, places and dates, in words of our own.</summary>
    private static string LongArticle()
    {
        var text = new StringBuilder("Drawdown notes\n\n");
        for (var i = 0; text.Length < 3_000_000; i++)
        {
            text.Append("Officials said on Tuesday that about ").Append(1000 + i % 4000).Append(" American soldiers were still posted in Iraq, ")
                .Append("and that a further ").Append(100 + i % 900).Append(" would leave Camp Taji before the end of the year. ")
                .Append("Coalition staff at Ain al-Asad Air Base were preparing to hand the site to Iraqi forces.\n\n");
        }

        return text.ToString();
    }
}
