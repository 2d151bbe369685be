using System.Globalization;
using System.Text;
using IngestWorker.Core.Articles;

namespace IngestWorker.FaultHarness;

/// <summary>What the harness dropped, and what must become of it.</summary>
/// <param name="ContentHash">For an article, the hash its text has in the log; null for a file the inbox must refuse.</param>
/// <param name="Kind">A regular file of <paramref name="Bytes"/>, a link or a pipe, which the inbox must never open, or a folder holding them.</param>
internal sealed record DroppedFile(string Name, byte[] Bytes, string? ContentHash, DroppedKind Kind = DroppedKind.RegularFile)
{
    public bool MustBeRefused => ContentHash is null;
}

internal enum DroppedKind
{
    RegularFile,

    /// <summary>A symbolic link to a file outside the inbox that must never reach the log.</summary>
    LinkToSecret,

    /// <summary>A named pipe: opening it would wait for a writer forever.</summary>
    Pipe,

    /// <summary>A folder holding an article: it must be moved to rejected/ whole, with a reason, not left unseen.</summary>
    Folder,
}

/// <summary>The files of one run: distinct articles, copies of some of them under other names, and bad input.</summary>
internal static class DroppedFiles
{
    private static readonly string[] Places = ["Iraq", "Syria", "Kuwait", "Jordan", "Erbil", "Baghdad"];

    public static List<DroppedFile> Make(int articles, Random random)
    {
        var files = new List<DroppedFile>();
        for (var i = 0; i < articles; i++)
        {
            var article = Article(i, random);
            files.Add(article);

            // One in twenty comes again under another name: it must be archived as a duplicate.
            if (i % 20 == 7)
            {
                files.Add(article with { Name = $"copy-of-{article.Name}" });
            }

            // One in fifty is something the inbox must refuse.
            if (i % 50 == 13)
            {
                files.Add(Bad(i));
            }

            // One in a hundred is a page of 100,000 unclosed tags around its text: taken, and in linear time.
            if (i % 100 == 42)
            {
                files.Add(Read(string.Create(CultureInfo.InvariantCulture, $"tags-{i:D5}.html"),
                    Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<b><i>", 50_000)) + $"About {i} US troops are in Iraq, report {i} said.")));
            }
        }

        // Whatever the size of the run, one of each file made to stop the inbox; the one-line file of 10 MB is over
        // the size limit: refused unread, its title never built.
        files.Add(Bad(6 * 50) with { Name = "hostile-deep-yaml.md" });
        files.Add(Bad(7 * 50) with { Name = "hostile-folder" });
        files.Add(Bad(4 * 50) with { Name = "hostile-pipe.txt" });
        files.Add(new DroppedFile("hostile-one-line-10mb.txt", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("About 2,500 US troops remain in Iraq ", 10_000_000 / 37))), null));
        return files.OrderBy(_ => random.Next()).ToList();
    }

    private static DroppedFile Article(int i, Random random)
    {
        var place = Places[random.Next(Places.Length)];
        var troops = 500 + random.Next(5000);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Report {i} on forces in {place}\n\nAbout {troops:N0} US troops are in {place}, officials said in report {i} ({random.Next()}).\n");
        return Read(string.Create(CultureInfo.InvariantCulture, $"report-{i:D5}.txt"), Encoding.UTF8.GetBytes(text));
    }

    private static DroppedFile Read(string name, byte[] bytes)
    {
        var read = ArticleReader.Read(name, bytes) as ArticleReadResult.Read
            ?? throw new InvalidOperationException($"The harness's own article {name} does not read.");
        return new DroppedFile(name, bytes, read.Article.ContentHash);
    }

    /// <summary>Kinds of input the inbox refuses; each name is unique so its fate can be found.</summary>
    private static DroppedFile Bad(int i) => (i / 50 % 8) switch
    {
        6 => new DroppedFile(string.Create(CultureInfo.InvariantCulture, $"deep-yaml-{i:D5}.md"),
            Encoding.UTF8.GetBytes("---\ntitle: " + new string('[', 50_000) + "\n---\nAbout 2,000 US troops are in Iraq.\n"), null),
        7 => new DroppedFile(string.Create(CultureInfo.InvariantCulture, $"folder-{i:D5}"),
            Encoding.UTF8.GetBytes($"Report {i}\n\nAbout 2,000 US troops are in Iraq.\n"), null, DroppedKind.Folder),
        3 => new DroppedFile(string.Create(CultureInfo.InvariantCulture, $"link-{i:D5}.txt"), [], null, DroppedKind.LinkToSecret),
        4 => new DroppedFile(string.Create(CultureInfo.InvariantCulture, $"pipe-{i:D5}.txt"), [], null, DroppedKind.Pipe),
        5 => new DroppedFile(string.Create(CultureInfo.InvariantCulture, $"open-front-matter-{i:D5}.md"),
            Encoding.UTF8.GetBytes($"---\ntitle: Report {i}\n\nAbout 2,000 US troops are in Iraq.\n"), null),

        0 => new DroppedFile(string.Create(CultureInfo.InvariantCulture, $"empty-{i:D5}.txt"), [], null),
        1 => new DroppedFile(string.Create(CultureInfo.InvariantCulture, $"picture-{i:D5}.txt"),
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, (byte)i], null),
        _ => new DroppedFile(string.Create(CultureInfo.InvariantCulture, $"report-{i:D5}.docx"), Encoding.UTF8.GetBytes($"PK\u0003\u0004 document {i}"), null),
    };
}
