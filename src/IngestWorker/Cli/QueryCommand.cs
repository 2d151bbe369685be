using System.CommandLine;
using System.Globalization;
using IngestWorker.Answers;
using IngestWorker.Articles;
using IngestWorker.Bases;
using IngestWorker.Claims;
using IngestWorker.Core.Extraction;
using IngestWorker.Core.Paging;
using IngestWorker.Core.Timelines;
using IngestWorker.Hosting;
using IngestWorker.Projections;
using IngestWorker.Troops;
using Spectre.Console;
using static IngestWorker.Answers.TableCells;

namespace IngestWorker.Cli;

/// <summary>
/// <c>IngestWorker query articles|troops|bases|history|sources|statements</c>: the read models as tables, CSV or JSON, a page
/// at a time (<c>--limit</c>, <c>--cursor</c>), filtered by period (<c>--from</c>, <c>--to</c>).
/// </summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var query = new Command("query", "Ask the read models: articles, troop counts, base status, troop timelines");
        query.Subcommands.Add(Articles());
        query.Subcommands.Add(Troops());
        query.Subcommands.Add(Bases());
        query.Subcommands.Add(History());
        query.Subcommands.Add(Sources());
        query.Subcommands.Add(Statements());
        return query;
    }

    private static Command Articles()
    {
        var command = new Command("articles", "The articles in the log, in the order they arrived; a copy of another outlet's report names its original");
        var (from, to) = AddPeriod(command, "published");
        var knownAt = CommonOptions.KnownAt();
        knownAt.Description = "The list as it was on this date (YYYY-MM-DD): the articles received by then";
        command.Options.Add(knownAt);
        SetQuery(command, (session, parse, page, ct) =>
                session.Get<ArticleQueries>().PageAsync(Day(parse, from), Day(parse, to, end: true), parse.GetValue(knownAt), page, ct),
            (articles, _) => ArticleCsv.Articles(articles),
            (articles, _) => (ArticleTable.Of(articles), "article"));
        return command;
    }

    private static Command Troops()
    {
        var command = new Command("troops", "Every troop count read, per place, force and kind, with its source");
        var filter = AddClaimFilters(command);
        SetQuery(command, (session, parse, page, ct) => session.Get<TroopQueries>().TroopsPageAsync(filter(parse), page, ct),
            (troops, _) => TroopCsv.Troops(troops),
            (troops, _) => (TroopTables.Troops(troops), "troop count"), filter,
            (session, parse, ct) => UnknownPlaceAsync(session, filter(parse), ct));
        return command;
    }

    private static Command Bases()
    {
        var command = new Command("bases", "Each base's current status and since when, and its runs of status over time with the statement that opened each");
        var baseName = new Option<string?>("--base") { Description = "Only bases whose name contains this (any case)", HelpName = "NAME" };
        command.Options.Add(baseName);
        var status = CommonOptions.ContractWord<SiteStatus>("--status", "Only bases whose status now is this", "STATUS");
        command.Options.Add(status);
        var knownAt = CommonOptions.KnownAt();
        command.Options.Add(knownAt);
        var (from, to) = AddPeriod(command, "dated");
        ClaimFilter Filter(ParseResult parse) => new(parse.GetValue(baseName), null, parse.GetValue(knownAt), Day(parse, from), Day(parse, to, end: true));
        SetQuery(command, (session, parse, page, ct) => session.Get<BaseQueries>().BasesPageAsync(Filter(parse), parse.GetValue(status), page, ct),
            (bases, _) => BaseCsv.Bases(bases),
            (bases, _) => (BaseTables.Bases(bases), "base"), Filter,
            async (session, parse, ct) => parse.GetValue(baseName) is { } name
                ? (await BaseProblems.NoBaseNamedAsync(session.Get<BaseQueries>(), name, ct))?.Message
                : null);
        return command;
    }

    private static Command History()
    {
        var command = new Command("history",
            "Troop timelines: per force, place and kind, the figure the reports support for each period, how many independent reports say it, disagreements flagged");
        var filter = AddClaimFilters(command);
        var detail = new Option<bool>("--detail")
        {
            Description = $"Report by report: the articles behind each figure of each period (its first {TroopQueries.SourcesShown} reports; query sources lists them all)",
        };
        command.Options.Add(detail);
        SetQuery(command, (session, parse, page, ct) => session.Get<TroopQueries>().HistoryPageAsync(filter(parse), page, ct),
            (history, parse) => parse.GetValue(detail) ? TroopCsv.HistoryDetail(history) : TroopCsv.History(history),
            (history, parse) => (parse.GetValue(detail) ? TroopTables.Detail(history) : TroopTables.Series(history), "series"),
            filter, (session, parse, ct) => UnknownPlaceAsync(session, filter(parse), ct));
        return command;
    }

    private static Command Sources()
    {
        var command = new Command("sources", "Every report behind one point of a troop timeline (query history names the first few of each figure)");
        Option<string> Required(string name, string description, string helpName) => new(name) { Description = description, HelpName = helpName, Required = true };
        var location = Required("--location", "The series' place, as query history shows it", "PLACE");
        var force = Required("--force", "The series' force: US or Coalition", "FORCE");
        var kind = CommonOptions.ContractWord<TroopKind>("--kind", "The series' kind", "KIND");
        kind.Required = true;
        var period = PeriodOption("--period", "The point's period, as query history shows it: 2024, 2024-09 or 2024-09-27");
        period.Required = true;
        var undated = new Option<bool>("--undated") { Description = "The undated point of that year (shown as '(2024, undated)')" };
        var knownAt = CommonOptions.KnownAt();
        foreach (var option in new Option[] { location, force, kind, period, undated, knownAt })
        {
            command.Options.Add(option);
        }

        ClaimFilter Filter(ParseResult parse) => new(parse.GetValue(location), parse.GetValue(force), parse.GetValue(knownAt));
        SetQuery(command, (session, parse, page, ct) => session.Get<TroopQueries>().PointSourcesPageAsync(Filter(parse), parse.GetValue(kind)!.Value,
                parse.GetValue(period)!, !parse.GetValue(undated), page, ct),
            (sources, _) => TroopCsv.PointSources(sources),
            (sources, _) => (TroopTables.Sources(sources), "report"), Filter);
        return command;
    }

    private static Command Statements()
    {
        var command = new Command("statements", "Every statement about one base, in the order its timeline places them (query bases names the latest few)");
        var baseName = new Option<string>("--base") { Description = "The base: its name, or a part of it that names only one", HelpName = "NAME", Required = true };
        var knownAt = CommonOptions.KnownAt();
        command.Options.Add(baseName);
        command.Options.Add(knownAt);
        var (from, to) = AddPeriod(command, "dated");
        ClaimFilter Filter(ParseResult parse) => new(null, null, parse.GetValue(knownAt), Day(parse, from), Day(parse, to, end: true));
        SetQuery(command, async (session, parse, page, ct) =>
            {
                var claims = session.Get<BaseQueries>();
                var name = parse.GetValue(baseName)!;
                var (found, matches) = await claims.FindBaseAsync(Filter(parse), name, ct);
                return found is not null ? await claims.BaseStatementsPageAsync(Filter(parse), found.Base, page, ct)
                    : throw new UnknownBaseException(name, matches);
            },
            (statements, _) => BaseCsv.Statements(statements),
            (statements, _) => (BaseTables.Statements(statements), "statement"), Filter);
        return command;
    }

    /// <summary>
    /// The shape every query verb shares: open the database, ask for one page, then print it as a table
    /// (with the total and the cursor of the next page), CSV or JSON.
    /// </summary>
    private static void SetQuery<T>(Command command, Func<VerbSession, ParseResult, PageRequest, CancellationToken, Task<Page<T>>> ask,
        Func<IReadOnlyList<T>, ParseResult, string> csv, Func<IReadOnlyList<T>, ParseResult, (Table Table, string Noun)> table,
        Func<ParseResult, ClaimFilter>? filter = null, Func<VerbSession, ParseResult, CancellationToken, Task<string?>>? whyEmpty = null)
    {
        var format = new Option<string>("--format")
        {
            Description = "table (for people), csv (for spreadsheets) or json (for machines)",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var json = CommonOptions.Json();
        json.Description = "The same as --format json";
        var limit = new Option<int?>("--limit") { Description = $"At most this many rows [default: {PageRequest.DefaultLimit}, max {PageRequest.MaxLimit}]", HelpName = "N" };
        var cursor = new Option<string?>("--cursor") { Description = "Go on from where the previous page stopped (its next cursor)", HelpName = "CURSOR" };
        var data = CommonOptions.Data();
        var db = CommonOptions.Db();
        foreach (var option in new Option[] { format, json, limit, cursor, data, db })
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction(async (parse, ct) =>
        {
            // A bad cursor or an unknown base is the user's to fix: CliErrors says so in one line.
            Page<T> answer;
            string? why;
            var page = PageRequest.From(parse.GetValue(limit), parse.GetValue(cursor));
            await using (var session = await VerbSession.OpenAsync(DatabaseSettings.From(parse.GetValue(data), parse.GetValue(db)), LoadedRules.Default, ct,
                use: DatabaseUse.Reader))
            {
                answer = await ask(session, parse, page, ct);

                // An empty answer whose filter names nothing at all (a place or base mistyped or cut short) says so, on
                // stderr, so that what a script reads stays the answer.
                why = answer.Total == 0 && whyEmpty is not null ? await whyEmpty(session, parse, ct) : null;
            }

            var chosen = parse.GetValue(json) ? "json" : parse.GetValue(format);
            if (chosen == "json")
            {
                var written = Output.Json(answer);
                await NoteAsync(why);
                return written;
            }

            if (chosen == "csv")
            {
                Console.Out.Write(csv(answer.Items, parse));
                if (answer.NextCursor is not null)
                {
                    await Console.Error.WriteLineAsync($"{answer.Items.Count} of {answer.Total}; next page: --cursor {answer.NextCursor}");
                }

                await NoteAsync(why);
                return 0;
            }

            var (shown, noun) = table(answer.Items, parse);
            var caption = answer.Items.Count == answer.Total ? Counted(answer.Total, noun, noun == "series" ? "series" : null)
                : $"{answer.Items.Count} of {Counted(answer.Total, noun, noun == "series" ? "series" : null)}";
            Show(shown, caption);
            if (answer.NextCursor is not null)
            {
                Terminal.Out.MarkupLine($"[grey]next page: --cursor {answer.NextCursor}[/]");
            }

            if (filter?.Invoke(parse).KnownAt is { } date)
            {
                Terminal.Out.MarkupLine($"[grey]as known on {Date(date)}[/]");
            }

            await NoteAsync(why);
            return 0;
        });

        static async Task NoteAsync(string? why)
        {
            if (why is not null)
            {
                await Console.Error.WriteLineAsync($"note: {why}");
            }
        }
    }

    /// <summary>Why troop counts filtered by a place are none, when the place is none that any troop count is about.</summary>
    private static async Task<string?> UnknownPlaceAsync(VerbSession session, ClaimFilter filter, CancellationToken ct)
    {
        if (filter.Subject is not { } name)
        {
            return null;
        }

        var places = await session.Get<TroopQueries>().PlacesHoldingAsync(name, ct);
        return places.Any(place => string.Equals(place, name, StringComparison.OrdinalIgnoreCase)) ? null
            : places.Count == 0 ? $"no troop count is about a place named '{name}'."
            : $"no troop count is about a place named '{name}'; places whose names hold it: {string.Join(", ", places)}.";
    }

    private static Func<ParseResult, ClaimFilter> AddClaimFilters(Command command)
    {
        var location = new Option<string?>("--location") { Description = "Only this country (or finer site), any case", HelpName = "PLACE" };
        var force = new Option<string?>("--force") { Description = "Only this force: US or Coalition", HelpName = "FORCE" };
        var knownAt = CommonOptions.KnownAt();
        command.Options.Add(location);
        command.Options.Add(force);
        command.Options.Add(knownAt);
        var (from, to) = AddPeriod(command, "holding");
        return parse => new ClaimFilter(parse.GetValue(location), parse.GetValue(force), parse.GetValue(knownAt), Day(parse, from), Day(parse, to, end: true));
    }

    /// <summary>--from and --to, each a year, a month or a day (2024, 2024-09, 2024-09-27).</summary>
    private static (Option<Period?> From, Option<Period?> To) AddPeriod(Command command, string what)
    {
        var from = PeriodOption("--from", $"Only those {what} in or after this period");
        var to = PeriodOption("--to", $"Only those {what} in or before this period");
        command.Options.Add(from);
        command.Options.Add(to);
        return (from, to);
    }

    /// <summary>An option that takes a year, a month or a day (2024, 2024-09, 2024-09-27), refused in one line otherwise.</summary>
    private static Option<Period?> PeriodOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "PERIOD",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            var period = Period.Parse(text);
            if (period is null)
            {
                result.AddError($"{name} takes a year, a month or a day (2024, 2024-09, 2024-09-27), not '{text}'.");
            }

            return period;
        },
    };

    private static DateOnly? Day(ParseResult parse, Option<Period?> option, bool end = false) =>
        parse.GetValue(option) is { } period ? end ? period.End : period.Start : null;
}
