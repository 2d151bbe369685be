using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using IngestWorker.Answers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace IngestWorker.Api;

/// <summary>
/// Kestrel refuses some requests before any middleware sees them (a URL or headers past its limits, a NUL
/// in the path, a request line it cannot read) and answers them with an empty body, which no ASP.NET Core
/// hook can change. This connection middleware watches what Kestrel writes and gives exactly those answers
/// (status 4xx, <c>Content-Length: 0</c> and <c>Connection: close</c> right after the status line, which
/// only Kestrel's refusals carry: every answer of the routes has a body) a problem body instead.
/// </summary>
public static class KestrelRejections
{
    private static readonly byte[] StatusLineStart = "HTTP/1.1 4"u8.ToArray();
    private static readonly byte[] EmptyAndClosing = "\r\nContent-Length: 0\r\nConnection: close\r\n"u8.ToArray();
    private static readonly byte[] HeadersEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>A refusal's headers are one short write; anything longer is an answer of the routes.</summary>
    private const int LongestRefusal = 512;

    public static IWebHostBuilder AnswerKestrelRejectionsAsProblems(this IWebHostBuilder builder) =>
        builder.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection =>
        {
            connection.Transport = new Transport(connection.Transport.Input, new RefusalWriter(connection.Transport.Output));
            return next(connection);
        })));

    /// <summary>The bytes to send instead of a refusal's headers: the same headers with a problem body; null for anything else.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        if (written.Length > LongestRefusal || !written.StartsWith(StatusLineStart) || !written.EndsWith(HeadersEnd))
        {
            return null;
        }

        var statusLineEnd = written.IndexOf("\r\n"u8);
        if (statusLineEnd < 0 || !written[statusLineEnd..].StartsWith(EmptyAndClosing)
            || !int.TryParse(written.Slice(StatusLineStart.Length - 1, 3), out var status))
        {
            return null;
        }

        var problem = ApiProblem.ForStatus(status);
        var body = JsonSerializer.SerializeToUtf8Bytes(new ProblemDetails
        {
            Type = problem?.Type ?? "about:blank",
            Title = problem?.Title ?? Encoding.ASCII.GetString(written[(StatusLineStart.Length + 3)..statusLineEnd]).Trim(),
            Status = status,
            Detail = DetailOf(status),
        }, ProblemJson);
        var headers = new StringBuilder(Encoding.ASCII.GetString(written[..statusLineEnd]))
            .Append("\r\nContent-Type: application/problem+json")
            .Append("\r\nContent-Length: ").Append(body.Length)
            .Append(Encoding.ASCII.GetString(written[(statusLineEnd + "\r\nContent-Length: 0".Length)..]))
            .ToString();
        return [.. Encoding.ASCII.GetBytes(headers), .. body];
    }

    private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static string DetailOf(int status) => status switch
    {
        414 => "the URL is longer than the server reads; ask with fewer or shorter query parameters.",
        431 => "the request's headers are larger than the server reads.",
        400 => "the server could not read the request line or its headers (a NUL character in the path, a malformed header).",
        _ => "the server refused the request before any route saw it.",
    };

    private sealed record Transport(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    /// <summary>Passes every write through, but a refusal's headers, which it sends with a body.</summary>
    private sealed class RefusalWriter(PipeWriter inner) : PipeWriter
    {
        private Memory<byte> _lent;

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override Memory<byte> GetMemory(int sizeHint = 0) => _lent = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => (_lent = inner.GetMemory(sizeHint)).Span;

        public override void Advance(int bytes)
        {
            if (bytes > 0 && bytes <= _lent.Length && Rewrite(_lent.Span[..bytes]) is { } answer)
            {
                inner.Write(answer);
                return;
            }

            inner.Advance(bytes);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }
}
