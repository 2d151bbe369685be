using Microsoft.Playwright;

namespace IngestWorker.Tests.Support;

/// <summary>
/// The Chromium the page tests drive: <c>INGEST_CHROMIUM</c> when set, else the first Chromium or Chrome on
/// PATH (Debian's <c>chromium</c>, Ubuntu's <c>chromium-browser</c>, Google's), else one Playwright installed.
/// </summary>
public static class Chromium
{
    public const string Variable = "INGEST_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private static readonly string[] HeadlessArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>The browser's path, or null when there is none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => Names.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }

        var playwright = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ms-playwright");
        return Directory.Exists(playwright)
            ? Directory.EnumerateFiles(playwright, "chrome", SearchOption.AllDirectories).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
    }

    /// <summary>What to do when <see cref="Find"/> finds nothing, in one sentence.</summary>
    public static string Missing =>
        $"The page test drives Chromium and found none ({Variable}, then {string.Join(", ", Names)} on PATH, then Playwright's own): " +
        $"install it (`sudo apt-get install -y chromium` on Debian, `chromium-browser` on Ubuntu), or set {Variable} to a Chromium or Chrome binary.";

    /// <summary>Starts a headless browser; fails the test with <see cref="Missing"/> when there is none.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        var path = Find();
        Assert.True(path is not null, Missing);
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true, Args = HeadlessArgs });
    }

    /// <summary>A page of the size the page tests look at, adding each console error and page error to <paramref name="errors"/>.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(errors);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return page;
    }
}
