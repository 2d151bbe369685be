using System.Diagnostics;
using IngestWorker.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

public sealed class SeedScoringTests
{
    [Fact]
    public async Task Seed_claims_reach_the_gold_thresholds_in_the_committed_scorer()
    {
        // Given the extract report for every seed article
        var seeds = Directory.GetFiles(TestPaths.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(seeds);
        var report = Path.Combine(Path.GetTempPath(), $"seed-claims-{Guid.NewGuid():N}.json");
        try
        {
            await using (var writer = new StreamWriter(report))
            {
                var exitCode = await ExtractReport.WriteAsync(seeds, ExtractionRules.Default, writer, CancellationToken.None);
                Assert.Equal(0, exitCode);
            }

            // When the committed scorer compares it with the gold claims
            var (code, output) = await RunAsync("python3", TestPaths.ScoringScript, report, TestPaths.SeedsGold,
                "--min-troops", "0.95", "--min-bases", "0.9", "--min-attributes", "0.9");

            // Then every figure is at or above its minimum
            Assert.True(code == 0, $"score_claims.py exited {code}:\n{output}");
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task The_scorer_fails_a_report_that_misses_the_gold_claims()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"empty-claims-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(empty, "[]");
            var (code, output) = await RunAsync("python3", TestPaths.ScoringScript, empty, TestPaths.SeedsGold);
            Assert.True(code == 1, $"expected exit 1 for an empty report, got {code}:\n{output}");
            Assert.Contains("BELOW", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
