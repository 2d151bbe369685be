using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using IngestWorker.Postgres;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IngestWorker.Tests.Api;

public sealed class ApiErrorTests
{
    [Fact]
    public async Task Regression_a_NUL_byte_in_a_query_parameter_is_a_400_problem_not_a_500()
    {
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("api-nul"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };

        var problem = await Problem.ReadAsync(await http.GetAsync("/api/troops?location=Ir%00aq"));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(Problem.TypeOf("bad-parameter"), problem.Type);
        Assert.Contains("NUL", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regression_an_unknown_route_is_a_404_problem_not_an_empty_answer()
    {
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("api-404"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };

        var problem = await Problem.ReadAsync(await http.GetAsync("/api/no-such-thing"));

        Assert.Equal(HttpStatusCode.NotFound, problem.Status);
        Assert.Equal(Problem.TypeOf("unknown-route"), problem.Type);
        Assert.Contains("/api/no-such-thing", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("/api/no-such-thing", problem.Body.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Regression_while_the_database_is_down_the_API_answers_a_503_problem_not_an_empty_500()
    {
        // Given a worker on a server of its own that it does not look after (so the server stays down).
        var folder = Paths.Scratch("api-503");
        await using var server = await EmbeddedPostgres.StartAsync(Path.Combine(folder, ".ingest"), NullLogger.Instance, CancellationToken.None);
        await using var worker = await RunningWorker.StartAsync(server.ConnectionString, folder);
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/articles")).StatusCode);

        // When the server dies.
        Process.GetProcessById(server.ServerProcessId()!.Value).Kill();
        await Task.Delay(500);

        // Then the API says so, as a problem, and says when to ask again.
        var response = await http.GetAsync("/api/articles");
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, problem.Status);
        Assert.Equal(Problem.TypeOf("database-unavailable"), problem.Type);
        Assert.Contains("database", problem.Detail, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);

        // And once the server is back (started again here, as the worker's watch would), it answers again.
        await Eventually.HoldsAsync(async () =>
        {
            await server.EnsureRunningAsync(CancellationToken.None);
            return (await http.GetAsync("/api/articles")).StatusCode == HttpStatusCode.OK;
        }, "the API answers again");
    }
}
