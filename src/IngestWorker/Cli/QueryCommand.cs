using System.CommandLine;
using System.Globalization;
using IngestWorker.Articles;
using IngestWorker.Claims;
using IngestWorker.Hosting;
using IngestWorker.Projections;
using Spectre.Console;

namespace IngestWorker.Cli;

/// <summary><c>IngestWorker query articles|troops|bases|history</c>: the read models, as tables or JSON.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var query = new Command("query", "Ask the read models: articles, troop counts, base status, figure history");
        query.Subcommands.Add(Articles());
        query.Subcommands.Add(Troops());
        query.Subcommands.Add(Bases());
        query.Subcommands.Add(History());
        return query;
    }

    private static Command Articles()
    {
        var command = new Command("articles", "The articles in the log, in the order they arrived");
        SetQuery(command, (session, _, ct) => session.Get<ArticleQueries>().ListAsync(ct), articles =>
        {
            var table = new Table().AddColumns("Title", "Outlet", "Published", "File", "Received", "Chars");
            foreach (var a in articles)
            {
                table.AddRow(Cell(Shorten(a.Title, 60)), Cell(a.Outlet), Cell(Date(a.Published)), Cell(a.FileName),
                    Cell(a.ReceivedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), Cell(a.BodyLength.ToString(CultureInfo.InvariantCulture)));
            }

            Show(table, Counted(articles.Count, "article"));
        });
        return command;
    }

    private static Command Troops()
    {
        var command = new Command("troops", "Troop counts over time, per force and place, with their sources");
        var (location, force, knownAt) = AddClaimFilters(command);
        SetQuery(command, (session, parse, ct) => session.Get<ClaimQueries>().TroopsAsync(parse.GetValue(location), parse.GetValue(force), parse.GetValue(knownAt), ct), troops =>
        {
            var table = new Table().AddColumns("Force", "Location", "Site", "Kind", "Count", "Bound", "As of", "Source");
            foreach (var t in troops)
            {
                table.AddRow(Cell(t.Force), Cell(t.Location), Cell(t.Site), Cell(t.Kind), Cell(t.Count.ToString("N0", CultureInfo.InvariantCulture)),
                    Cell(t.Bound), Cell(t.AsOf), Cell(SourceOf(t.Source)));
            }

            Show(table, Counted(troops.Count, "troop count"));
        }, knownAt);
        return command;
    }

    private static Command Bases()
    {
        var command = new Command("bases", "The status of each base: the latest statement, since when it holds, and every statement");
        var baseName = new Option<string?>("--base") { Description = "Only bases whose name contains this (any case)", HelpName = "NAME" };
        command.Options.Add(baseName);
        var knownAt = CommonOptions.KnownAt();
        command.Options.Add(knownAt);
        SetQuery(command, (session, parse, ct) => session.Get<ClaimQueries>().BasesAsync(parse.GetValue(baseName), parse.GetValue(knownAt), ct), bases =>
        {
            var table = new Table().AddColumns("Base", "Status", "As of", "Since", "Statements", "Latest source");
            foreach (var b in bases)
            {
                table.AddRow(Cell(b.Base), Cell(b.Status), Cell(b.AsOf), Cell(b.Since),
                    Cell(b.Statements.Count.ToString(CultureInfo.InvariantCulture)), Cell(SourceOf(b.Statements[^1].Source)));
            }

            Show(table, Counted(bases.Count, "base"));
        }, knownAt);
        return command;
    }

    private static Command History()
    {
        var command = new Command("history", "How reported figures changed from report to report; disagreeing reports of one period are flagged");
        var (location, force, knownAt) = AddClaimFilters(command);
        SetQuery(command, (session, parse, ct) => session.Get<ClaimQueries>().HistoryAsync(parse.GetValue(location), parse.GetValue(force), parse.GetValue(knownAt), ct), history =>
        {
            var table = new Table().AddColumns("Series", "Figure", "As of", "Previous", "Change", "Sources", "Disagrees with");
            foreach (var series in history)
            {
                foreach (var f in series.Figures)
                {
                    table.AddRow(
                        Cell($"{series.Force} {series.Location} {series.Kind}"),
                        Cell($"{f.Bound} {f.Count.ToString("N0", CultureInfo.InvariantCulture)}"),
                        Cell(f.AsOf ?? $"({f.Period})"),
                        Cell(f.Previous?.ToString("N0", CultureInfo.InvariantCulture)),
                        Cell(f.Change is { } change ? change.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture) : null),
                        Cell(string.Join("; ", f.Sources.Select(SourceOf))),
                        f.DisagreesWith.Count == 0 ? Cell(null)
                            : new Markup($"[red]⚠ {Markup.Escape(string.Join(", ", f.DisagreesWith.Select(c => c.ToString("N0", CultureInfo.InvariantCulture))))} in {f.Period}[/]"));
                }
            }

            Show(table, $"{Counted(history.Count, "series", "series")}, {history.Count(s => s.HasDisagreement)} with disagreeing reports");
        }, knownAt);
        return command;
    }

    /// <summary>
    /// The shape every query verb shares: open the database, ask, then print JSON (<c>--json</c>) or a
    /// table, noting the known-at date when one was given.
    /// </summary>
    private static void SetQuery<T>(Command command, Func<VerbSession, ParseResult, CancellationToken, Task<T>> ask, Action<T> printTable,
        Option<DateOnly?>? knownAt = null)
    {
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var db = CommonOptions.Db();
        command.Options.Add(json);
        command.Options.Add(data);
        command.Options.Add(db);
        command.SetGuardedAction(async (parse, ct) =>
        {
            await using var session = await VerbSession.OpenAsync(DatabaseSettings.From(parse.GetValue(data), parse.GetValue(db)), LoadedRules.Default, ct);
            var answer = await ask(session, parse, ct);
            if (parse.GetValue(json))
            {
                return Output.Json(answer);
            }

            printTable(answer);
            if (knownAt is not null && parse.GetValue(knownAt) is { } date)
            {
                AnsiConsole.MarkupLine($"[grey]as known on {Date(date)}[/]");
            }

            return 0;
        });
    }

    private static (Option<string?> Location, Option<string?> Force, Option<DateOnly?> KnownAt) AddClaimFilters(Command command)
    {
        var location = LocationOption();
        var force = ForceOption();
        var knownAt = CommonOptions.KnownAt();
        command.Options.Add(location);
        command.Options.Add(force);
        command.Options.Add(knownAt);
        return (location, force, knownAt);
    }

    private static Option<string?> LocationOption() =>
        new("--location") { Description = "Only this country (or finer site), any case", HelpName = "PLACE" };

    private static Option<string?> ForceOption() =>
        new("--force") { Description = "Only this force: US or Coalition", HelpName = "FORCE" };

    /// <summary>Short enough for a table cell: the outlet (else the title's start) and the published date.</summary>
    private static string SourceOf(ClaimSourceView source) =>
        $"{source.Outlet ?? Shorten(source.Title, 34)} ({Date(source.Published) ?? "undated"})";

    internal static string Counted(int count, string one, string? many = null) =>
        FormattableString.Invariant($"{count} {(count == 1 ? one : many ?? one + "s")}");

    internal static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string? Shorten(string? text, int max) =>
        text is null || text.Length <= max ? text : text[..(max - 1)] + "…";

    internal static Markup Cell(string? text) => new(Markup.Escape(text ?? "–"));

    internal static void Show(Table table, string caption)
    {
        table.Border(TableBorder.Rounded).Caption(caption);
        AnsiConsole.Write(table);
    }
}
