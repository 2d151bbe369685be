using System.CommandLine;
using System.Globalization;
using IngestWorker.Articles;
using IngestWorker.Claims;
using IngestWorker.Hosting;
using IngestWorker.Paging;
using IngestWorker.Projections;
using IngestWorker.Timelines;
using Spectre.Console;

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
            (articles, _) => CsvTables.Articles(articles),
            (articles, _) =>
            {
                var table = new Table().AddColumns("Title", "Outlet", "Published", "File", "Received", "Chars", "Copy of");
                foreach (var a in articles)
                {
                    table.AddRow(Cell(Shorten(a.Title, 60)), Cell(a.Outlet), Cell(Date(a.Published)), Cell(a.FileName),
                        Cell(a.ReceivedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), Cell(a.BodyLength.ToString(CultureInfo.InvariantCulture)),
                        Cell(a.CopyOf is { } original ? $"{original.Outlet ?? Shorten(original.Title, 34)} ({Date(original.Published) ?? "undated"})" : null));
                }

                return (table, "article");
            });
        return command;
    }

    private static Command Troops()
    {
        var command = new Command("troops", "Every troop count read, per place, force and kind, with its source");
        var filter = AddClaimFilters(command);
        SetQuery(command, (session, parse, page, ct) => session.Get<ClaimQueries>().TroopsPageAsync(filter(parse), page, ct),
            (troops, _) => CsvTables.Troops(troops),
            (troops, _) =>
            {
                var table = new Table().AddColumns("Force", "Location", "Site", "Kind", "Count", "Bound", "As of", "Source");
                foreach (var t in troops)
                {
                    table.AddRow(Cell(t.Force), Cell(t.Location), Cell(t.Site), Cell(t.Kind), Cell(t.Count.ToString("N0", CultureInfo.InvariantCulture)),
                        Cell(t.Bound), Cell(t.AsOf), Cell(SourceOf(t.Source)));
                }

                return (table, "troop count");
            }, filter);
        return command;
    }

    private static Command Bases()
    {
        var command = new Command("bases", "Each base's current status and since when, and its runs of status over time with the statement that opened each");
        var baseName = new Option<string?>("--base") { Description = "Only bases whose name contains this (any case)", HelpName = "NAME" };
        command.Options.Add(baseName);
        var knownAt = CommonOptions.KnownAt();
        command.Options.Add(knownAt);
        var (from, to) = AddPeriod(command, "dated");
        ClaimFilter Filter(ParseResult parse) => new(parse.GetValue(baseName), null, parse.GetValue(knownAt), Day(parse, from), Day(parse, to, end: true));
        SetQuery(command, (session, parse, page, ct) => session.Get<ClaimQueries>().BasesPageAsync(Filter(parse), page, ct),
            (bases, _) => CsvTables.Bases(bases),
            (bases, _) =>
            {
                var table = new Table().AddColumns("Base", "Status now", "Since", "Runs (from → status)", "Latest source");
                foreach (var b in bases)
                {
                    table.AddRow(Cell(b.Base), Cell(b.Status), Cell(b.Since),
                        Cell(string.Join("\n", b.Runs.Select(r => $"{r.Start ?? $"({Date(r.From)})"} {r.Status} [{r.StatementCount}]"))),
                        Cell(b.Statements.Count > 0 ? SourceOf(b.Statements[^1].Source) : null));
                }

                return (table, "base");
            }, Filter);
        return command;
    }

    private static Command History()
    {
        var command = new Command("history",
            "Troop timelines: per force, place and kind, the figure the reports support for each period, how many independent reports say it, disagreements flagged");
        var filter = AddClaimFilters(command);
        var detail = new Option<bool>("--detail")
        {
            Description = $"Report by report: the articles behind each figure of each period (its first {ClaimQueries.SourcesShown} reports; query sources lists them all)",
        };
        command.Options.Add(detail);
        SetQuery(command, (session, parse, page, ct) => session.Get<ClaimQueries>().HistoryPageAsync(filter(parse), page, ct),
            (history, parse) => parse.GetValue(detail) ? CsvTables.HistoryDetail(history) : CsvTables.History(history),
            (history, parse) => (parse.GetValue(detail) ? DetailTable(history) : SeriesTable(history), "series"),
            filter);
        return command;
    }

    private static Command Sources()
    {
        var command = new Command("sources", "Every report behind one point of a troop timeline (query history names the first few of each figure)");
        Option<string> Required(string name, string description, string helpName) => new(name) { Description = description, HelpName = helpName, Required = true };
        var location = Required("--location", "The series' place, as query history shows it", "PLACE");
        var force = Required("--force", "The series' force: US or Coalition", "FORCE");
        var kind = Required("--kind", "The series' kind: level, target, reduction or increase", "KIND");
        var period = PeriodOption("--period", "The point's period, as query history shows it: 2024, 2024-09 or 2024-09-27");
        period.Required = true;
        var undated = new Option<bool>("--undated") { Description = "The undated point of that year (shown as '(2024, undated)')" };
        var knownAt = CommonOptions.KnownAt();
        foreach (var option in new Option[] { location, force, kind, period, undated, knownAt })
        {
            command.Options.Add(option);
        }

        ClaimFilter Filter(ParseResult parse) => new(parse.GetValue(location), parse.GetValue(force), parse.GetValue(knownAt));
        SetQuery(command, (session, parse, page, ct) => session.Get<ClaimQueries>().PointSourcesPageAsync(Filter(parse), parse.GetValue(kind)!,
                parse.GetValue(period)!, !parse.GetValue(undated), page, ct),
            (sources, _) => CsvTables.PointSources(sources),
            (sources, _) =>
            {
                var table = new Table().AddColumns("Figure", "Report", "Outlets", "Copies");
                foreach (var s in sources)
                {
                    table.AddRow(Cell($"{s.Bound} {s.Count.ToString("N0", CultureInfo.InvariantCulture)}{(s.Supported ? " (supported)" : "")}"),
                        Cell(s.Report[..Math.Min(s.Report.Length, 20)]), Cell(string.Join(" + ", s.Outlets.Select(o => Shorten(o, 34)))),
                        Cell(string.Join("\n", s.Copies.Select(c => (c.CopyOf is null ? "" : "copy: ") + SourceOf(c)))));
                }

                return (table, "report");
            }, Filter);
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
                var claims = session.Get<ClaimQueries>();
                var name = parse.GetValue(baseName)!;
                var (found, matches) = await claims.FindBaseAsync(Filter(parse), name, ct);
                return found is not null ? await claims.BaseStatementsPageAsync(Filter(parse), found.Base, page, ct)
                    : throw new UnknownBaseException(name, matches);
            },
            (statements, _) => CsvTables.Statements(statements),
            (statements, _) =>
            {
                var table = new Table().AddColumns("Status", "As of", "Quote", "Source");
                foreach (var s in statements)
                {
                    table.AddRow(Cell(s.Status), Cell(s.AsOf), Cell(Shorten(s.Quote, 90)), Cell(SourceOf(s.Source)));
                }

                return (table, "statement");
            }, Filter);
        return command;
    }

    private static Table SeriesTable(IReadOnlyList<FigureSeries> history)
    {
        var table = new Table().AddColumns("Series", "Period", "Figure", "Reports", "Sources", "Latest report", "Other figures");
        foreach (var series in history)
        {
            foreach (var (p, i) in series.Points.Select((p, i) => (p, i)))
            {
                table.AddRow(
                    Cell(i == 0 ? $"{series.Force} {series.Location} {series.Kind}" : ""),
                    Cell(p.Dated ? p.Period : $"({p.Period}, undated)"),
                    Cell($"{p.Bound} {p.Count.ToString("N0", CultureInfo.InvariantCulture)}"),
                    Cell(p.Copies > p.Reports ? $"{p.Reports} ({p.Copies} copies)" : p.Reports.ToString(CultureInfo.InvariantCulture)),
                    Cell(string.Join("; ", p.Figures[0].Sources.Select(r => string.Join(" + ", r.Outlets.Select(o => Shorten(o, 34)))))),
                    Cell(SourceOf(p.Latest)),
                    !p.Disagreement ? Cell(string.Join(", ", p.Figures.Skip(1).Select(Figure)))
                        : new Markup($"[red]⚠ {Markup.Escape(string.Join(", ", p.Figures.Skip(1).Select(Figure)))}[/]"));
            }
        }

        return table;
    }

    private static Table DetailTable(IReadOnlyList<FigureSeries> history)
    {
        var table = new Table().AddColumns("Series", "Period", "Figure", "Report", "Copy");
        foreach (var series in history)
        {
            foreach (var p in series.Points)
            {
                foreach (var f in p.Figures)
                {
                    foreach (var report in f.Sources)
                    {
                        foreach (var copy in report.Copies)
                        {
                            table.AddRow(Cell($"{series.Force} {series.Location} {series.Kind}"), Cell(p.Period), Cell(Figure(f)),
                                Cell(report.Report[..Math.Min(report.Report.Length, 20)]), Cell((copy.CopyOf is null ? "" : "copy: ") + SourceOf(copy)));
                        }
                    }
                }
            }
        }

        return table;
    }

    private static string Figure(FigureView f) =>
        $"{f.Bound} {f.Count.ToString("N0", CultureInfo.InvariantCulture)} ({Counted(f.Reports, "report")})";

    /// <summary>
    /// The shape every query verb shares: open the database, ask for one page, then print it as a table
    /// (with the total and the cursor of the next page), CSV or JSON.
    /// </summary>
    private static void SetQuery<T>(Command command, Func<VerbSession, ParseResult, PageRequest, CancellationToken, Task<Page<T>>> ask,
        Func<IReadOnlyList<T>, ParseResult, string> csv, Func<IReadOnlyList<T>, ParseResult, (Table Table, string Noun)> table,
        Func<ParseResult, ClaimFilter>? filter = null)
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
            Page<T> answer;
            try
            {
                var page = PageRequest.From(parse.GetValue(limit), parse.GetValue(cursor));
                await using var session = await VerbSession.OpenAsync(DatabaseSettings.From(parse.GetValue(data), parse.GetValue(db)), LoadedRules.Default, ct);
                answer = await ask(session, parse, page, ct);
            }
            catch (Exception e) when (e is BadPageRequestException or UnknownBaseException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return CliErrors.UserError;
            }

            var chosen = parse.GetValue(json) ? "json" : parse.GetValue(format);
            if (chosen == "json")
            {
                return Output.Json(answer);
            }

            if (chosen == "csv")
            {
                Console.Out.Write(csv(answer.Items, parse));
                if (answer.NextCursor is not null)
                {
                    await Console.Error.WriteLineAsync($"{answer.Items.Count} of {answer.Total}; next page: --cursor {answer.NextCursor}");
                }

                return 0;
            }

            var (shown, noun) = table(answer.Items, parse);
            var caption = answer.Items.Count == answer.Total ? Counted(answer.Total, noun, noun == "series" ? "series" : null)
                : $"{answer.Items.Count} of {Counted(answer.Total, noun, noun == "series" ? "series" : null)}";
            Show(shown, caption);
            if (answer.NextCursor is not null)
            {
                AnsiConsole.MarkupLine($"[grey]next page: --cursor {answer.NextCursor}[/]");
            }

            if (filter?.Invoke(parse).KnownAt is { } date)
            {
                AnsiConsole.MarkupLine($"[grey]as known on {Date(date)}[/]");
            }

            return 0;
        });
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
