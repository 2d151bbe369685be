using System.Collections.Frozen;
using IngestWorker.Answers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IngestWorker.Api;

/// <summary>
/// The page at <c>GET /</c>: troop timelines per place and base status runs, drawn in the browser as
/// hand-written SVG from the API's own answers. Its files are embedded in the program, so the page works
/// with no internet and no files beside the binary.
/// </summary>
internal static class TimelinePage
{
    private static readonly FrozenDictionary<string, (string ContentType, byte[] Bytes)> Files = Load();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html"));
        app.MapGet("/page/{file}", (string file) => Serve(file));
    }

    private static IResult Serve(string file) =>
        Files.TryGetValue(file, out var content)
            ? Results.Bytes(content.Bytes, content.ContentType)
            : ApiProblem.UnknownRoute.Answer($"the page has no file '{file}'.");

    private static FrozenDictionary<string, (string, byte[])> Load()
    {
        const string prefix = "IngestWorker.Page.";
        var assembly = typeof(TimelinePage).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[prefix.Length..], name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var bytes = new MemoryStream();
                stream.CopyTo(bytes);
                return (ContentTypeOf(name), bytes.ToArray());
            }, StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };
}
