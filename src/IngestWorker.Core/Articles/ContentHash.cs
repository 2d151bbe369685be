using System.Security.Cryptography;
using System.Text;

namespace IngestWorker.Core.Articles;

/// <summary>The idempotency key of an article: the same text dropped twice hashes the same.</summary>
public static class ContentHash
{
    public static string Normalize(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace('\r', '\n')
            .Trim();

    /// <summary>Hash of an already normalised body.</summary>
    public static string Of(string normalizedBody) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedBody)));
}
