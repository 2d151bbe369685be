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
        var (json, data, db) = AddShared(command, knownAt: null);
        command.SetGuardedAction(async (parse, ct) =>
        {
            await using var session = await OpenAsync(parse, data, db, ct);
            var articles = await session.Get<ArticleQueries>().ListAsync(ct);
            if (parse.GetValue(json))
            {
                return Output.Json(articles);
            }

            var table = new Table().AddColumns("Title", "Outlet", "Published", "File", "Received", "Chars");
            foreach (var a in articles)
            {
                table.AddRow(Cell(Shorten(a.Title, 60)), Cell(a.Outlet), Cell(Date(a.Published)), Cell(a.FileName),
                    Cell(a.ReceivedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), Cell(a.BodyLength.ToString(CultureInfo.InvariantCulture)));
            }

            Show(table, $"{articles.Count} articles");
            return 0;
        });
        return command;
    }

    private static Command Troops()
    {
        var command = new Command("troops", "Troop counts over time, per force and place, with their sources");
        var location = LocationOption();
        var force = ForceOption();
        command.Options.Add(location);
        command.Options.Add(force);
        var knownAt = CommonOptions.KnownAt();
        var (json, data, db) = AddShared(command, knownAt);
        command.SetGuardedAction(async (parse, ct) =>
        {
            await using var session = await OpenAsync(parse, data, db, ct);
            var troops = await session.Get<ClaimQueries>().TroopsAsync(parse.GetValue(location), parse.GetValue(force), parse.GetValue(knownAt), ct);
            if (parse.GetValue(json))
            {
                return Output.Json(troops);
            }

            var table = new Table().AddColumns("Force", "Location", "Site", "Kind", "Count", "Bound", "As of", "Source");
            foreach (var t in troops)
            {
                table.AddRow(Cell(t.Force), Cell(t.Location), Cell(t.Site), Cell(t.Kind), Cell(t.Count.ToString("N0", CultureInfo.InvariantCulture)),
                    Cell(t.Bound), Cell(t.AsOf), Cell(SourceOf(t.Source)));
            }

            Show(table, $"{troops.Count} troop counts{KnownAtNote(parse.GetValue(knownAt))}");
            return 0;
        });
        return command;
    }

    private static Command Bases()
    {
        var command = new Command("bases", "The status of each base: the latest statement, since when it holds, and every statement");
        var baseName = new Option<string?>("--base") { Description = "Only bases whose name contains this (any case)", HelpName = "NAME" };
        command.Options.Add(baseName);
        var knownAt = CommonOptions.KnownAt();
        var (json, data, db) = AddShared(command, knownAt);
        command.SetGuardedAction(async (parse, ct) =>
        {
            await using var session = await OpenAsync(parse, data, db, ct);
            var bases = await session.Get<ClaimQueries>().BasesAsync(parse.GetValue(baseName), parse.GetValue(knownAt), ct);
            if (parse.GetValue(json))
            {
                return Output.Json(bases);
            }

            var table = new Table().AddColumns("Base", "Status", "As of", "Since", "Statements", "Latest source");
            foreach (var b in bases)
            {
                table.AddRow(Cell(b.Base), Cell(b.Status), Cell(b.AsOf), Cell(b.Since),
                    Cell(b.Statements.Count.ToString(CultureInfo.InvariantCulture)), Cell(SourceOf(b.Statements[^1].Source)));
            }

            Show(table, $"{bases.Count} bases{KnownAtNote(parse.GetValue(knownAt))}");
            return 0;
        });
        return command;
    }

    private static Command History()
    {
        var command = new Command("history", "How reported figures changed from report to report; disagreeing reports of one period are flagged");
        var location = LocationOption();
        var force = ForceOption();
        command.Options.Add(location);
        command.Options.Add(force);
        var knownAt = CommonOptions.KnownAt();
        var (json, data, db) = AddShared(command, knownAt);
        command.SetGuardedAction(async (parse, ct) =>
        {
            await using var session = await OpenAsync(parse, data, db, ct);
            var history = await session.Get<ClaimQueries>().HistoryAsync(parse.GetValue(location), parse.GetValue(force), parse.GetValue(knownAt), ct);
            if (parse.GetValue(json))
            {
                return Output.Json(history);
            }

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

            Show(table, $"{history.Count} series, {history.Count(s => s.HasDisagreement)} with disagreeing reports{KnownAtNote(parse.GetValue(knownAt))}");
            return 0;
        });
        return command;
    }

    private static Option<string?> LocationOption() =>
        new("--location") { Description = "Only this country (or finer site), any case", HelpName = "PLACE" };

    private static Option<string?> ForceOption() =>
        new("--force") { Description = "Only this force: US or Coalition", HelpName = "FORCE" };

    private static (Option<bool> Json, Option<string?> Data, Option<string?> Db) AddShared(Command command, Option<DateOnly?>? knownAt)
    {
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var db = CommonOptions.Db();
        if (knownAt is not null)
        {
            command.Options.Add(knownAt);
        }

        command.Options.Add(json);
        command.Options.Add(data);
        command.Options.Add(db);
        return (json, data, db);
    }

    private static Task<VerbSession> OpenAsync(ParseResult parse, Option<string?> data, Option<string?> db, CancellationToken ct) =>
        VerbSession.OpenAsync(DatabaseSettings.From(parse.GetValue(data), parse.GetValue(db)), LoadedRules.Default, ct);

    /// <summary>Short enough for a table cell: the outlet (else the title's start) and the published date.</summary>
    private static string SourceOf(ClaimSourceView source) =>
        $"{source.Outlet ?? Shorten(source.Title, 34)} ({Date(source.Published) ?? "undated"})";

    private static string KnownAtNote(DateOnly? knownAt) =>
        knownAt is { } date ? $" as known on {Date(date)}" : string.Empty;

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
