using System.Security.Cryptography;
using System.Text;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>
/// The expected claims of the hand-written articles (Articles/*.expected.json) are recorded with the extractor
/// version they hold for: changing what the extractor reads without bumping <see cref="ExtractorVersion.Current"/>
/// would leave read models built by the old code in place, so it fails here.
/// </summary>
public sealed class ExtractorVersionTests
{
    /// <summary>The version the hash below was recorded for, and the hash of every expected-claims file then.</summary>
    private const string RecordedVersion = "5";
    private const string RecordedHash = "c88dcda4d3ea0148";

    [Fact]
    public void Expected_claims_change_only_with_a_new_extractor_version()
    {
        // Given the expected claims of the hand-written articles as they are now
        var hash = HashOfExpectedClaims();

        // Then they are the ones recorded for the current extractor version
        Assert.True(ExtractorVersion.Current == RecordedVersion,
            $"ExtractorVersion.Current is {ExtractorVersion.Current}: record it here (RecordedVersion = {ExtractorVersion.Current}, RecordedHash = \"{hash}\").");
        Assert.True(hash == RecordedHash,
            $"The expected claims changed (hash {hash}) but ExtractorVersion.Current is still {RecordedVersion}: bump it, then record the new version and hash here.");
    }

    /// <summary>SHA-256 over each file's name and text, in name order, line endings normalised so a Windows checkout agrees.</summary>
    private static string HashOfExpectedClaims()
    {
        var all = new StringBuilder();
        foreach (var path in Directory.GetFiles(TestPaths.Articles, "*.expected.json").Order(StringComparer.Ordinal))
        {
            all.Append(Path.GetFileName(path)).Append('\n')
               .Append(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())))[..16];
    }
}
