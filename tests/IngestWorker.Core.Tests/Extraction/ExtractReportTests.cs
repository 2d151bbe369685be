using System.Text.Json;
using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

public sealed class ExtractReportTests
{
    [Fact]
    public async Task The_report_has_the_contract_shape_in_the_contract_order()
    {
        var dir = Directory.CreateTempSubdirectory("extract-report-");
        try
        {
            var good = Path.Combine(dir.FullName, "good.md");
            await File.WriteAllTextAsync(good, "---\ntitle: Troops “stay”\npublished: 2025-01-02\noutlet: Wire\n---\nAbout 2,500 U.S. troops are in Iraq.\n");
            var output = new StringWriter();

            var code = await ExtractReport.WriteAsync([good], ExtractionRules.Default, output, ReadAsync, CancellationToken.None);

            Assert.Equal(0, code);
            var text = output.ToString();
            Assert.Contains("“stay”", text, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(text);
            var item = Assert.Single(json.RootElement.EnumerateArray().ToList());
            Assert.Equal(["file", "article", "rulesVersion", "troopCounts", "baseStatuses"], item.EnumerateObject().Select(p => p.Name).ToList());
            Assert.Equal(["title", "published", "outlet", "contentHash"], item.GetProperty("article").EnumerateObject().Select(p => p.Name).ToList());
            var count = Assert.Single(item.GetProperty("troopCounts").EnumerateArray().ToList());
            Assert.Equal(["force", "location", "site", "kind", "count", "bound", "asOf", "quote"], count.EnumerateObject().Select(p => p.Name).ToList());
            Assert.Equal(JsonValueKind.Null, count.GetProperty("site").ValueKind);
            Assert.Equal(2500, count.GetProperty("count").GetInt32());
            Assert.Equal("2025-01-02", item.GetProperty("article").GetProperty("published").GetString());
            Assert.Equal(ExtractionRules.Default.Version, item.GetProperty("rulesVersion").GetString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_refused_or_missing_file_gets_an_error_object_and_exit_code_1()
    {
        var dir = Directory.CreateTempSubdirectory("extract-report-");
        try
        {
            var empty = Path.Combine(dir.FullName, "empty.txt");
            await File.WriteAllBytesAsync(empty, []);
            var missing = Path.Combine(dir.FullName, "missing.txt");
            var output = new StringWriter();

            var code = await ExtractReport.WriteAsync([empty, missing], ExtractionRules.Default, output, ReadAsync, CancellationToken.None);

            Assert.Equal(1, code);
            using var json = JsonDocument.Parse(output.ToString());
            var items = json.RootElement.EnumerateArray().ToList();
            Assert.Equal([empty, missing], items.Select(i => i.GetProperty("file").GetString()).ToList());
            Assert.All(items, i => Assert.Equal(["file", "error"], i.EnumerateObject().Select(p => p.Name).ToList()));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A plain reader: the size limits and refusals of files are the caller's (the inbox's reader), tested there.</summary>
    private static async Task<ArticleReadResult> ReadAsync(string path, CancellationToken ct)
    {
        try
        {
            return ArticleReader.Read(Path.GetFileName(path), await File.ReadAllBytesAsync(path, ct), ct);
        }
        catch (FileNotFoundException e)
        {
            return new ArticleReadResult.Refused(e.Message);
        }
    }
}
