using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IngestWorker.Core.Paging;
using IngestWorker.Tests.ReadModels;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Api;

/// <summary>
/// Every error of the API is a problem (RFC 9457) with a type a client can branch on and a detail saying
/// why, whether a route, the routing or Kestrel itself refuses the request: each of these answered an empty
/// body, a wrong status or a 200 before.
/// </summary>
public sealed class ProblemDetailsTests(SeededWorker seeded) : IClassFixture<SeededWorker>
{
    [Theory]
    [InlineData("/api/a%00b", HttpStatusCode.BadRequest, "unreadable-request")]
    [InlineData("/api/articles?long=LONG", HttpStatusCode.RequestUriTooLong, "uri-too-long")]
    public async Task Regression_a_request_Kestrel_refuses_is_answered_with_a_problem_not_an_empty_body(string target, HttpStatusCode status, string slug)
    {
        var response = await RawAsync($"GET {target.Replace("LONG", new string('x', 20_000), StringComparison.Ordinal)} HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.StartsWith($"HTTP/1.1 {(int)status} ", response, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", response, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.Equal(Problem.TypeOf(slug), body.RootElement.GetProperty("type").GetString());
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Regression_headers_too_large_are_a_431_problem_not_an_empty_body()
    {
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles");
        request.Headers.Add("X-Large", new string('x', 64 * 1024));

        var problem = await Problem.ReadAsync(await http.SendAsync(request));

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, problem.Status);
        Assert.Equal(Problem.TypeOf("headers-too-large"), problem.Type);
    }

    [Fact]
    public async Task Regression_an_unknown_method_is_a_405_with_Allow_not_a_404()
    {
        using var http = Client();

        var response = await http.DeleteAsync("/api/articles");
        var problem = await Problem.ReadAsync(response);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, problem.Status);
        Assert.Equal(Problem.TypeOf("method-not-allowed"), problem.Type);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Regression_HEAD_on_a_GET_route_answers_its_headers_without_a_body_not_a_404()
    {
        using var http = Client();

        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/articles"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/articles", "3")]
    [InlineData("/api/bases", "Erbil")]
    [InlineData("/api/history", "US")]
    [InlineData("/api/bases/Erbil/statements", "000000001")]
    public async Task Regression_a_forged_cursor_is_a_400_problem_not_a_page(string route, string key)
    {
        using var http = Client();
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var problem = await Problem.ReadAsync(await http.GetAsync($"{route}?cursor={forged}"));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(Problem.TypeOf("bad-cursor"), problem.Type);
        Assert.Contains("cursor", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_the_worker_gave_out_still_pages()
    {
        using var http = Client();
        using var first = JsonDocument.Parse(await http.GetStringAsync("/api/articles?limit=2"));

        var next = await http.GetAsync($"/api/articles?limit=2&cursor={first.RootElement.GetProperty("nextCursor").GetString()}");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("3", PageRequest.From(null, first.RootElement.GetProperty("nextCursor").GetString()).After);
    }

    [Theory]
    [InlineData("/api/troops?from=2025-10&to=2025-09")]
    [InlineData("/api/articles?from=2026&to=2025")]
    public async Task Regression_from_after_to_is_a_400_problem_not_an_empty_page(string route)
    {
        using var http = Client();

        var problem = await Problem.ReadAsync(await http.GetAsync(route));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(Problem.TypeOf("bad-period"), problem.Type);
        Assert.Contains("after", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/bases/Nowhere", HttpStatusCode.NotFound, "unknown-base", "Nowhere")]
    [InlineData("/api/bases/Nowhere/statements", HttpStatusCode.NotFound, "unknown-base", "Nowhere")]
    [InlineData("/api/bases/Erbil?knownAt=2020-01-01", HttpStatusCode.NotFound, "unknown-base", "known by 2020-01-01")]
    [InlineData("/api/bases/Ba", HttpStatusCode.BadRequest, "ambiguous-base", "Baghdad International Airport")]
    [InlineData("/api/bases?base=Nowhere", HttpStatusCode.BadRequest, "unknown-base-filter", "Nowhere")]
    public async Task Regression_a_base_not_in_the_answer_is_a_problem_that_says_why(string route, HttpStatusCode status, string slug, string why)
    {
        using var http = Client();

        var problem = await Problem.ReadAsync(await http.GetAsync(route));

        Assert.Equal(status, problem.Status);
        Assert.Equal(Problem.TypeOf(slug), problem.Type);
        Assert.Contains(why, problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%25")]
    [InlineData("_")]
    public async Task Regression_percent_and_underscore_in_a_base_name_match_themselves_not_any_text(string escapedName)
    {
        using var http = Client();

        var filtered = await Problem.ReadAsync(await http.GetAsync($"/api/bases?base={escapedName}"));
        var named = await Problem.ReadAsync(await http.GetAsync($"/api/bases/{escapedName}"));

        Assert.Equal(Problem.TypeOf("unknown-base-filter"), filtered.Type);
        Assert.Equal(Problem.TypeOf("unknown-base"), named.Type);
    }

    private HttpClient Client() => new() { BaseAddress = seeded.Worker.BaseAddress };

    /// <summary>Sends bytes as they are (HttpClient would refuse or rewrite some of these requests) and reads the whole answer.</summary>
    private async Task<string> RawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(seeded.Worker.BaseAddress.Host, seeded.Worker.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
