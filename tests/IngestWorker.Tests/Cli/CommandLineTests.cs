using System.Text.Json;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Extract_prints_one_contract_object_per_file_in_order_and_exits_1_when_one_failed()
    {
        var folder = Paths.Scratch("extract");
        var missing = Path.Combine(folder, "missing.txt");
        var seed = Path.Combine(Paths.Seeds, "004_71640e988f2f5a9b.txt");

        var result = await CommandLine.RunAsync(folder, "extract", seed, missing);

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var files = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal(["file", "article", "rulesVersion", "troopCounts", "baseStatuses"], files[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("2025-10-01", files[0].GetProperty("article").GetProperty("published").GetString());
        Assert.Equal(missing, files[1].GetProperty("file").GetString());
        Assert.True(files[1].TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Regression_extract_refuses_a_device_a_pipe_and_a_file_over_the_inbox_limit_without_reading_them()
    {
        // `extract /dev/zero` read until 4.25 GB of memory; a pipe waited for a writer forever.
        var folder = Paths.Scratch("extract-hostile");
        var pipe = Path.Combine(folder, "pipe.txt");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var large = Path.Combine(folder, "large.txt");
        await File.WriteAllTextAsync(large, string.Concat(Enumerable.Repeat("About 2,500 US troops remain in Iraq ", 5 * 1024 * 1024 / 37 + 1)));
        var seed = Path.Combine(Paths.Seeds, "004_71640e988f2f5a9b.txt");

        var result = await CommandLine.RunAsync(folder, "extract", "/dev/zero", pipe, large, seed);

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var files = json.RootElement.EnumerateArray().ToList();
        Assert.Contains("device", files[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("named pipe", files[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("over the limit of 4,194,304 bytes", files[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(files[3].TryGetProperty("article", out _));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("extract")]
    [InlineData("query")]
    [InlineData("query", "articles")]
    [InlineData("query", "troops")]
    [InlineData("query", "bases")]
    [InlineData("query", "history")]
    [InlineData("query", "sources")]
    [InlineData("query", "statements")]
    [InlineData("replay")]
    [InlineData("status")]
    [InlineData("rules")]
    public async Task Every_verb_explains_itself_with_help(params string[] verb)
    {
        var result = await CommandLine.RunAsync(Paths.Scratch("help"), [.. verb, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("Description:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_rules_file_fails_in_one_sentence_with_its_line()
    {
        var folder = Paths.Scratch("bad-rules");
        var rules = Path.Combine(folder, "rules.yaml");
        await File.WriteAllTextAsync(rules, "forces:\n  US: [US\n  Coalition: coalition\n");

        var result = await CommandLine.RunAsync(folder, "extract", Path.Combine(Paths.Seeds, "000_ec35ae4e0b50f29d.txt"), "--rules", rules);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Errors, StringComparison.Ordinal);
        Assert.Contains("line", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_known_at_date_is_refused_before_touching_the_database()
    {
        var result = await CommandLine.RunAsync(Paths.Scratch("bad-date"), "query", "troops", "--known-at", "last-tuesday");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--known-at takes a date as YYYY-MM-DD", result.Errors + result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public async Task A_replay_core_count_below_one_is_refused_before_the_worker_starts(string cores)
    {
        var result = await CommandLine.RunAsync(Paths.Scratch("bad-replay-cores"), "run", "--replay-cores", cores, "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--replay-cores must be at least 1.", result.Errors + result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Log and read models:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_the_claims_contract_does_not_know_is_refused_with_the_words_it_takes_and_no_stack_trace()
    {
        var result = await CommandLine.RunAsync(Paths.Scratch("bad-status"), "query", "bases", "--status", "handed_over");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--status takes one of: active, withdrawal-planned, withdrawal-started, handover-in-progress, handed-over, "
            + "receiving-forces, residual-presence; not 'handed_over'.", result.Errors + result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kind_the_claims_contract_does_not_know_is_refused_with_the_words_it_takes_and_no_stack_trace()
    {
        var result = await CommandLine.RunAsync(Paths.Scratch("bad-kind"), "query", "sources", "--location", "Iraq", "--force", "US",
            "--kind", "surge", "--period", "2025");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--kind takes one of: level, target, reduction, increase; not 'surge'.", result.Errors + result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regression_a_garbage_connection_string_fails_in_one_line_without_a_stack_trace()
    {
        var result = await CommandLine.RunAsync(Paths.Scratch("bad-db"), "status", "--db", "garbage;;=");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: The connection string from --db", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regression_a_taken_api_port_fails_in_one_line_before_the_database_starts()
    {
        using var other = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        other.Start();
        var port = ((System.Net.IPEndPoint)other.LocalEndpoint).Port;
        var folder = Paths.Scratch("port-taken");

        var result = await CommandLine.RunAsync(folder, "run", "--urls", $"http://localhost:{port}", "--data", "data", "--inbox", "inbox");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: another program already listens on http://localhost:{port}; stop it, or give this worker another address with --urls " +
            "(e.g. --urls http://127.0.0.1:5081)", line);
        Assert.False(Directory.Exists(Path.Combine(folder, "data")), "no server may be started for a worker that cannot listen");
    }

    [Fact]
    public async Task Regression_a_mistyped_verb_prints_the_error_and_one_hint_not_the_whole_help()
    {
        var result = await CommandLine.RunAsync(Paths.Scratch("typo"), "query", "trops");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: Unrecognized command or argument 'trops'.", result.Errors, StringComparison.Ordinal);
        Assert.Contains("hint: `IngestWorker query --help`", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Description:", result.Output + result.Errors, StringComparison.Ordinal);
    }
}
