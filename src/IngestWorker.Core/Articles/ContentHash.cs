using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace IngestWorker.Core.Articles;

/// <summary>The idempotency key of an article: the same text dropped twice hashes the same.</summary>
public static class ContentHash
{
    public static string Normalize(string text) => NormalizeLineEnds(text).Trim();

    /// <summary>Every line end as <c>\n</c>; the text itself when it has no other.</summary>
    public static string NormalizeLineEnds(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace('\r', '\n');

    /// <summary>Hash of an already normalised body, of its UTF-8 (encoded into a pooled buffer: a bulk drop hashes thousands).</summary>
    public static string Of(string normalizedBody)
    {
        ArgumentNullException.ThrowIfNull(normalizedBody);
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(normalizedBody.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(normalizedBody, utf8);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8.AsSpan(0, length), digest);
            return "sha256:" + Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
