using IngestWorker.Claims;
using IngestWorker.Copies;
using IngestWorker.Core.Extraction;
using IngestWorker.Core.Paging;
using IngestWorker.Core.Timelines;
using IngestWorker.Projections;
using Npgsql;
using NpgsqlTypes;
using IngestWorker.Database;

namespace IngestWorker.Bases;

/// <summary>
/// The questions people ask of the statements about bases: each base's status now and its runs of status
/// over time. Each takes a known-at date: the answer as it would have been given that day. The rows are
/// read here; what they mean is decided by the pure rules of the core (<see cref="BaseTimeline"/>).
/// </summary>
/// <remarks>A base's place on the map comes from the worker's rules (<see cref="ExtractionRules.Locate"/>): names are stable across rules versions.</remarks>
public sealed class BaseQueries(NpgsqlDataSource dataSource, ICopies reports, LoadedRules rules)
{
    /// <summary>
    /// The statements a base names inline: its latest, the ones that tell its status now. Its runs, each with
    /// the statement that opened it and a count, are always whole; <see cref="BaseStatementsPageAsync"/> lists
    /// every statement.
    /// </summary>
    public const int StatementsShown = 10;

    private const string Bases = ReadModelSchema.Live + "." + BaseStatementTable.TableName;

    /// <summary>Base statements have no force: the shared filters with the force's left out.</summary>
    private static readonly string BaseFilters = ClaimRows.Filters.Replace("lower(force) = lower($2)", "true", StringComparison.Ordinal);

    /// <summary>Part of a base's name, any case: its <c>%</c>, <c>_</c> and <c>\</c> are escaped, so they match themselves, not any text.</summary>
    private const string BaseSubject = """($1::text is null or base ilike '%' || replace(replace(replace($1, '\', '\\'), '%', '\%'), '_', '\_') || '%')""";

    public Task<IReadOnlyList<BaseStatusView>> BasesAsync(string? baseName, DateOnly? knownAt, CancellationToken ct) =>
        BasesAsync(new ClaimFilter(baseName, null, knownAt), ct);

    /// <summary>Each base with its current status, its runs of status over time and its latest statements, by name.</summary>
    public async Task<IReadOnlyList<BaseStatusView>> BasesAsync(ClaimFilter filter, CancellationToken ct) =>
        await BasesOfAsync(filter, names: null, ct);

    /// <summary>
    /// One page of bases. The names come first (one small row per base, with its count of statements), only
    /// the bases the page can hold are read and built, and the page is cut from them (inside a base whose
    /// runs are too many for one page): the cost of a page is its own bases, not every base.
    /// </summary>
    public async Task<Page<BaseStatusView>> BasesPageAsync(ClaimFilter filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var names = await ClaimRows.GroupsAsync(dataSource, $"select base collate \"C\" as key, count(*) as rows from {Bases} where {BaseSubject} and {BaseFilters} group by 1 order by 1",
            filter with { Force = null }, ct);

        // A base brings the statements it names and at most as many runs as it has statements.
        return await ClaimRows.PieceByPieceAsync(names, page, rows => 1 + Math.Min(rows, StatementsShown) + rows,
            (chosen, token) => BasesOfAsync(filter, chosen, token), BasePageShape.Shape, ct);
    }

    /// <summary>
    /// The base a name given by a person means: the one of that name (any case), else the only one whose name
    /// holds it. When none is found, the names it matches (none, or several).
    /// </summary>
    public async Task<(BaseStatusView? Found, IReadOnlyList<string> Matches)> FindBaseAsync(ClaimFilter filter, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var bases = await BasesAsync(filter with { Subject = name }, ct);
        var match = bases.FirstOrDefault(b => string.Equals(b.Base, name, StringComparison.OrdinalIgnoreCase)) ?? (bases.Count == 1 ? bases[0] : null);
        return (match, bases.Select(b => b.Base).ToList());
    }

    /// <summary>Every statement about one base (its exact name), in the order its timeline places them, a page at a time.</summary>
    /// <param name="filter">knownAt and the periods; its subject is not used: <paramref name="name"/> names the base.</param>
    public async Task<Page<BaseStatementView>> BaseStatementsPageAsync(ClaimFilter filter, string name, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var statements = (await HistoriesAsync(filter with { Subject = null }, [name], ct))
            .SelectMany(history => history.Statements)
            .Select(statement => statement.Source)
            .ToList();
        return page.TakeInOrder(statements, _ => 1);
    }

    private async Task<IReadOnlyList<BaseStatusView>> BasesOfAsync(ClaimFilter filter, string[]? names, CancellationToken ct) =>
        (await HistoriesAsync(filter, names, ct))
            .Select(history => Located(new BaseStatusView(history.Base, history.Status, history.AsOf, history.Since,
                history.Statements.TakeLast(StatementsShown).Select(s => s.Source).ToList(),
                history.Runs.Select(run => new StatusRunView(run.Status, run.Start?.Key, run.From, run.End, run.Opening.Source, run.Statements.Count)).ToList())))
            .ToList();

    private BaseStatusView Located(BaseStatusView view) => rules.Rules.Locate(view.Base) is { } site
        ? view with { SiteKind = site.Kind, Country = site.Country, Latitude = site.At?.Latitude, Longitude = site.At?.Longitude }
        : view;

    private async Task<IReadOnlyList<BaseHistory<BaseStatementView>>> HistoriesAsync(ClaimFilter filter, string[]? names, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (names is { Length: 0 })
        {
            return [];
        }

        await using var command = dataSource.CreateCommand($"""
            select base, status, as_of, quote, rules_version, stream_id, title, outlet, published, received_at, known_from
            from {Bases}
            where {BaseSubject} and {BaseFilters} and ($6::text[] is null or base = any($6))
            order by base, seq, ordinal
            """);
        ClaimRows.AddFilters(command, filter with { Force = null });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)names ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var copies = await reports.CopiesAsync(ct);
        var statements = new List<BaseStatement<BaseStatementView>>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var view = new BaseStatementView(reader.Word<SiteStatus>("status"), reader.NullableText("as_of"), reader.Text("quote"), reader.Text("rules_version"),
                    ClaimRows.Source(reader, copies));
                statements.Add(new BaseStatement<BaseStatementView>(reader.Text("base"), view.Status, view.AsOf, reader.Value<DateOnly>("known_from"), view));
            }
        }

        return BaseTimeline.Build(statements);
    }
}
