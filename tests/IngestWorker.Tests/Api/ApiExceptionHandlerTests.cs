using System.Text.Json;
using IngestWorker.Api;
using IngestWorker.Core.Errors;
using IngestWorker.Database;
using IngestWorker.Postgres;
using IngestWorker.Projections;
using IngestWorker.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IngestWorker.Tests.Api;

/// <summary>What an error that escapes a route answers: decided by its code, so a new error with a known code needs no new arm.</summary>
public sealed class ApiExceptionHandlerTests
{
    [Fact]
    public async Task An_error_of_the_worker_is_answered_by_its_code_and_shows_its_sentence()
    {
        var mistake = await AnswerAsync(new CallerMistake());
        Assert.Equal((400, Problem.TypeOf("bad-cursor"), CallerMistake.Sentence), mistake);
    }

    [Fact]
    public async Task The_embedded_servers_errors_carry_a_code_and_are_a_503_like_any_database_the_worker_cannot_reach()
    {
        var (status, type, detail) = await AnswerAsync(new EmbeddedServerException("pg_ctl could not start the server in /tmp/x; see its log"));

        Assert.Equal((503, Problem.TypeOf("database-unavailable")), (status, type));
        Assert.StartsWith("pg_ctl could not start the server", detail, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.NoDataYet, new NoDataYetException("nothing yet").Code);
    }

    [Fact]
    public async Task An_error_of_the_worker_no_caller_can_fix_is_a_500_that_keeps_its_internals_to_the_log()
    {
        var (status, type, detail) = await AnswerAsync(new RulesVersionUnknownException("abc123"));

        Assert.Equal((500, Problem.TypeOf("internal-error")), (status, type));
        Assert.DoesNotContain("abc123", detail, StringComparison.Ordinal);
    }

    private static async Task<(int Status, string Type, string Detail)> AnswerAsync(Exception error)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new ApiExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), new DatabaseHealth(NullLogger<DatabaseHealth>.Instance),
            NullLogger<ApiExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(context, error, CancellationToken.None));

        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(context.Response.StatusCode, body.RootElement.GetProperty("status").GetInt32());
        return (context.Response.StatusCode, body.RootElement.GetProperty("type").GetString()!, body.RootElement.GetProperty("detail").GetString()!);
    }

    /// <summary>An error of a type the handler has never heard of, with a code it knows.</summary>
    private sealed class CallerMistake() : IngestWorkerException(ErrorCode.BadPageRequest, Sentence)
    {
        public const string Sentence = "that page cannot be given.";
    }
}
