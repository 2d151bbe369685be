using System.Net;
using System.Text.Json;

namespace IngestWorker.Tests.Support;

/// <summary>An RFC 9457 problem as a client reads it.</summary>
public sealed record Problem(HttpStatusCode Status, string Type, string Title, string Detail, JsonElement Body)
{
    /// <summary>Reads an answer that must be a problem: its media type, and a body whose status is the answer's.</summary>
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var body = document.RootElement.Clone();
        Assert.Equal((int)response.StatusCode, body.GetProperty("status").GetInt32());
        return new Problem(response.StatusCode, body.GetProperty("type").GetString()!, body.GetProperty("title").GetString()!,
            body.GetProperty("detail").GetString()!, body);
    }

    public static string TypeOf(string slug) => "https://ingestworker.dev/problems/" + slug;
}
