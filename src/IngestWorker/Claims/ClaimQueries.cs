using System.Globalization;
using System.Text.Json;
using IngestWorker.Articles;
using IngestWorker.Extraction;
using IngestWorker.Paging;
using IngestWorker.Projections;
using IngestWorker.Timelines;
using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.Claims;

/// <summary>
/// The questions people ask of the claims. Each takes a known-at date: the answer as it would have been
/// given that day, from articles published by then (received by then, when undated). The rows are read
/// here; what they mean (timelines, current status, which articles are one report) is decided by the
/// pure rules of the core (<see cref="TroopTimeline"/>, <see cref="BaseTimeline"/>).
/// </summary>
/// <remarks>A base's place on the map comes from the worker's rules (<see cref="ExtractionRules.Locate"/>): names are stable across rules versions.</remarks>
public sealed class ClaimQueries(NpgsqlDataSource dataSource, ArticleReports reports, LoadedRules rules)
{
    /// <summary>
    /// The reports a figure of a timeline names inline, the first to give it first; its count of reports
    /// is always whole, and <see cref="PointSourcesPageAsync"/> lists the rest. Without the cut one series of
    /// 10,000 generated articles was a 5 MB answer, and 200 clients asking for it held the two cores busy
    /// copying bytes.
    /// </summary>
    public const int SourcesShown = 5;

    /// <summary>
    /// The statements a base names inline: its latest, the ones that tell its status now. Its runs, each with
    /// the statement that opened it and a count, are always whole; <see cref="BaseStatementsPageAsync"/> lists
    /// every statement.
    /// </summary>
    public const int StatementsShown = 10;

    private const string Troops = ReadModelSchema.Live + ".troop_counts";
    private const string Bases = ReadModelSchema.Live + ".base_statements";

    /// <summary>
    /// The filters every claim query shares, on parameters $1..$5. The period of a row is its asOf, else the
    /// year it was reported; as asOf is a prefix of a day (2025, 2025-01, 2025-09-30), a period overlaps
    /// [from, to] when it is not below from's prefix of its length and not above to's.
    /// </summary>
    private const string Filters = """
        ($2::text is null or lower(force) = lower($2))
          and ($3::date is null or known_from <= $3)
          and ($4::text is null or coalesce(as_of, to_char(known_from, 'YYYY')) >= left($4, length(coalesce(as_of, to_char(known_from, 'YYYY')))))
          and ($5::text is null or coalesce(as_of, to_char(known_from, 'YYYY')) <= left($5, length(coalesce(as_of, to_char(known_from, 'YYYY')))))
        """;

    private const string TroopSubject = "($1::text is null or lower(location) = lower($1) or lower(site) = lower($1))";

    /// <summary>Base statements have no force: the same filters with the force's left out.</summary>
    private static readonly string BaseFilters = Filters.Replace("lower(force) = lower($2)", "true", StringComparison.Ordinal);

    private const string BaseSubject = "($1::text is null or base ilike '%' || $1 || '%')";

    /// <summary>
    /// <see cref="SeriesKey"/> in SQL, in the C collation (byte order, as ordinal): force, place and kind
    /// joined by a unit separator, which sorts below every character a name holds, so the joined keys sort
    /// as the triples do.
    /// </summary>
    private const string SeriesKeySql = """
        (force || chr(31) || location || chr(31) ||
         case kind when 'level' then '0' when 'target' then '1' when 'reduction' then '2' when 'increase' then '3' else '4' end || kind) collate "C"
        """;

    public Task<IReadOnlyList<TroopCountView>> TroopsAsync(string? location, string? force, DateOnly? knownAt, CancellationToken ct) =>
        TroopsAsync(new ClaimFilter(location, force, knownAt), ct);

    /// <summary>Every troop count the filter lets through, by place, force and kind, then as they arrived.</summary>
    public async Task<IReadOnlyList<TroopCountView>> TroopsAsync(ClaimFilter filter, CancellationToken ct) =>
        (await TroopsPageAsync(filter, null, int.MaxValue, ct)).Items;

    /// <summary>One page of troop counts, in the same order, after the cursor's row.</summary>
    public async Task<Page<TroopCountView>> TroopsPageAsync(ClaimFilter filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await TroopsPageAsync(filter, page.After, page.Limit, ct);
    }

    private async Task<Page<TroopCountView>> TroopsPageAsync(ClaimFilter filter, string? after, int limit, CancellationToken ct)
    {
        var key = after is null ? null : TroopKey.Parse(after);
        await using var command = dataSource.CreateCommand($"""
            select force, location, site, kind, count, bound, as_of, quote, rules_version,
                   stream_id, title, outlet, published, received_at, seq, ordinal,
                   count(*) over ()
            from {Troops}
            where {TroopSubject} and {Filters}
              and ($6::text is null or (location, force, kind, seq, ordinal) > ($6, $7, $8, $9, $10))
            order by location, force, kind, seq, ordinal
            limit $11
            """);
        AddFilters(command, filter);
        command.Parameters.Add(Text(key?.Location));
        command.Parameters.Add(Text(key?.Force));
        command.Parameters.Add(Text(key?.Kind));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)key?.Seq ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)key?.Ordinal ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit == int.MaxValue ? long.MaxValue : limit + 1L });
        var copies = await reports.CopiesAsync(ct);
        var rows = new List<(TroopCountView View, TroopKey Key)>();
        var total = 0L;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var view = new TroopCountView(
                    reader.GetString(0), reader.GetString(1), NullableString(reader, 2), reader.GetString(3), reader.GetInt32(4),
                    reader.GetString(5), NullableString(reader, 6), reader.GetString(7), reader.GetString(8), Source(reader, 9, copies));
                rows.Add((view, new TroopKey(view.Location, view.Force, view.Kind, reader.GetInt64(14), reader.GetInt32(15))));
                total = reader.GetInt64(16);
            }
        }

        // The window count is of the rows past the cursor; the total is of the whole answer.
        if (key is not null || rows.Count == 0)
        {
            total = await CountTroopsAsync(filter, ct);
        }

        var more = rows.Count > limit;
        var items = rows.Take(limit).ToList();
        return new Page<TroopCountView>(items.Select(r => r.View).ToList(), (int)total, limit == int.MaxValue ? items.Count : limit,
            more ? PageRequest.Encode(items[^1].Key.ToString()) : null);
    }

    private async Task<long> CountTroopsAsync(ClaimFilter filter, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select count(*) from {Troops} where {TroopSubject} and {Filters}");
        AddFilters(command, filter);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

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
        var names = await GroupsAsync($"select base collate \"C\", count(*) from {Bases} where {BaseSubject} and {BaseFilters} group by 1 order by 1",
            filter with { Force = null }, ct);

        // A base brings the statements it names and at most as many runs as it has statements.
        return await PieceByPieceAsync(names, page, rows => 1 + Math.Min(rows, StatementsShown) + rows,
            (chosen, token) => BasesOfAsync(filter, chosen, token), PageShapes.Bases, ct);
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
        AddFilters(command, filter with { Force = null });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)names ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var copies = await reports.CopiesAsync(ct);
        var statements = new List<BaseStatement<BaseStatementView>>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var view = new BaseStatementView(reader.GetString(1), NullableString(reader, 2), reader.GetString(3), reader.GetString(4),
                    Source(reader, 5, copies));
                statements.Add(new BaseStatement<BaseStatementView>(reader.GetString(0), view.Status, view.AsOf, reader.GetFieldValue<DateOnly>(10), view));
            }
        }

        return BaseTimeline.Build(statements);
    }

    public Task<IReadOnlyList<FigureSeries>> HistoryAsync(string? location, string? force, DateOnly? knownAt, CancellationToken ct) =>
        HistoryAsync(new ClaimFilter(location, force, knownAt), ct);

    /// <summary>One timeline per force, place and kind: per period, the figure the reports support and who reported it.</summary>
    public async Task<IReadOnlyList<FigureSeries>> HistoryAsync(ClaimFilter filter, CancellationToken ct) =>
        await SeriesOfAsync(filter, keys: null, ct);

    /// <summary>
    /// One page of timelines: the series' keys with their counts of figures first, then only the series the
    /// page can hold read and built, and the page cut from them (inside a series when its points are too many
    /// for one page, <see cref="PageShapes"/>).
    /// </summary>
    public async Task<Page<FigureSeries>> HistoryPageAsync(ClaimFilter filter, PageRequest page, CancellationToken ct)
    {
        var keys = await GroupsAsync($"select {SeriesKeySql}, count(*) from {Troops} where {TroopSubject} and {Filters} group by 1 order by 1",
            filter, ct);

        // A figure brings at most a point, a figure of it and a copy of a report.
        return await PieceByPieceAsync(keys, page, rows => 1 + (3L * rows), (chosen, token) => SeriesOfAsync(filter, chosen, token),
            PageShapes.Timelines(SeriesKey), ct);
    }

    /// <summary>
    /// A page of items that are built from many rows each (bases, timelines): from the items' keys with their
    /// counts of rows, in key order, enough items for the page are chosen by an upper bound of their weight,
    /// only those are read and built, and the page is cut from them, inside an item when it is too long.
    /// </summary>
    private static async Task<Page<T>> PieceByPieceAsync<T, TPart>(IReadOnlyList<(string Key, int Rows)> keys, PageRequest page, Func<int, long> bound,
        Func<string[], CancellationToken, Task<IReadOnlyList<T>>> build, PieceShape<T, TPart> shape, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        var after = PiecewisePage.Position.Of(page.After);

        // The page starts after the cursor's item, or at it when the previous page ended inside it.
        var start = after is null ? 0
            : keys.Count(k => string.CompareOrdinal(k.Key, after.Item) is var order && (after.Part is null ? order <= 0 : order < 0));
        var chosen = new List<string>();
        var estimate = 0L;
        for (var i = start; i < keys.Count && chosen.Count < page.Limit; i++)
        {
            estimate += bound(keys[i].Rows);
            if (chosen.Count > 0 && estimate > PageRequest.MaxWeight)
            {
                break;
            }

            chosen.Add(keys[i].Key);
        }

        var built = await build([.. chosen], ct);
        return PiecewisePage.Cut(built, shape, after, page.Limit, keys.Count, moreAfter: start + chosen.Count < keys.Count);
    }

    private async Task<IReadOnlyList<FigureSeries>> SeriesOfAsync(ClaimFilter filter, string[]? keys, CancellationToken ct) =>
        keys is { Length: 0 } ? []
            : TroopTimeline.Build(await FiguresAsync(filter, keys, ct))
                .Select(series => new FigureSeries(series.Force, series.Location, series.Kind, series.Points.Select(Point).ToList()))
                .OrderBy(SeriesKey, StringComparer.Ordinal)
                .ToList();

    /// <summary>
    /// Every report behind one point of one timeline (each figure given for the period, the supported one
    /// first), a page at a time: the rest of what <see cref="SourcesShown"/> cuts from a point of
    /// <see cref="HistoryPageAsync"/>. An empty page when there is no such point.
    /// </summary>
    /// <param name="filter">The series' place (Subject) and force, and knownAt; its periods are not used: the point names its period.</param>
    public async Task<Page<PointSourceView>> PointSourcesPageAsync(ClaimFilter filter, string kind, Period period, bool dated, PageRequest page,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var point = TroopTimeline.Build(await FiguresAsync(filter with { From = null, To = null }, keys: null, ct))
            .Where(series => string.Equals(series.Kind, kind, StringComparison.OrdinalIgnoreCase))
            .SelectMany(series => series.Points)
            .FirstOrDefault(p => p.Period == period && p.Dated == dated);
        var sources = point is null ? []
            : point.Figures.SelectMany((figure, i) => figure.Reports.Select(report => new PointSourceView(figure.Count, figure.Bound, i == 0,
                report.ReportId, Outlets(report.Copies), report.Copies))).ToList();

        // In the order they were first reported: a new one comes last.
        return page.TakeInOrder(sources, s => 1 + s.Copies.Count);
    }

    private async Task<List<TroopReport<ClaimSourceView>>> FiguresAsync(ClaimFilter filter, string[]? keys, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select force, location, kind, count, bound, as_of, known_from, stream_id, title, outlet, published, received_at
            from {Troops}
            where {TroopSubject} and {Filters} and ($6::text[] is null or {SeriesKeySql} = any($6))
            order by seq, ordinal
            """);
        AddFilters(command, filter);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)keys ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var copies = await reports.CopiesAsync(ct);
        var figures = new List<TroopReport<ClaimSourceView>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var source = Source(reader, 7, copies);
            figures.Add(new TroopReport<ClaimSourceView>(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.GetString(4), NullableString(reader, 5), reader.GetFieldValue<DateOnly>(6), source.Report, source));
        }

        return figures;
    }

    /// <summary>The keys of a grouped query (key, count of rows), already in ordinal order: what a page is cut from.</summary>
    private async Task<IReadOnlyList<(string Key, int Rows)>> GroupsAsync(string sql, ClaimFilter filter, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        AddFilters(command, filter);
        var groups = new List<(string Key, int Rows)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            groups.Add((reader.GetString(0), (int)reader.GetInt64(1)));
        }

        return groups;
    }

    private static string SeriesKey(FigureSeries series) => string.Join('\u001f', series.Force, series.Location, KindOrder(series.Kind) + series.Kind);

    private static string KindOrder(string kind) => kind switch
    {
        "level" => "0",
        "target" => "1",
        "reduction" => "2",
        "increase" => "3",
        _ => "4",
    };

    private static TimelinePointView Point(TimelinePoint<ClaimSourceView> point) => new(
        point.Period.Key, point.Period.Precision, point.Period.Start, point.Period.End, point.Dated, point.Count, point.Bound,
        point.Reports, point.Copies, point.Latest, point.Disagreement,
        point.Figures.Select(f => new FigureView(f.Count, f.Bound, f.Reports.Count,
            f.Reports.Take(SourcesShown).Select(r => new ReportView(r.ReportId, Outlets(r.Copies), r.Copies)).ToList())).ToList());

    private static List<string> Outlets(IEnumerable<ClaimSourceView> copies) =>
        copies.Select(c => c.Outlet ?? c.Title ?? c.StreamId).Distinct(StringComparer.Ordinal).ToList();

    private static void AddFilters(NpgsqlCommand command, ClaimFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        command.Parameters.Add(Text(filter.Subject));
        command.Parameters.Add(Text(filter.Force));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.KnownAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(Text(filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        command.Parameters.Add(Text(filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static ClaimSourceView Source(NpgsqlDataReader reader, int first, IReadOnlyDictionary<string, string> copies)
    {
        var streamId = reader.GetString(first);
        return new ClaimSourceView(
            streamId,
            NullableString(reader, first + 1),
            NullableString(reader, first + 2),
            reader.IsDBNull(first + 3) ? null : reader.GetFieldValue<DateOnly>(first + 3),
            reader.GetFieldValue<DateTimeOffset>(first + 4),
            copies.GetValueOrDefault(streamId));
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Where a page of troop counts stopped: the sort key of its last row.</summary>
    private sealed record TroopKey(string Location, string Force, string Kind, long Seq, int Ordinal)
    {
        public static TroopKey Parse(string text)
        {
            try
            {
                return JsonSerializer.Deserialize<TroopKey>(text) ?? throw new BadPageRequestException("cursor is empty.");
            }
            catch (JsonException e)
            {
                throw new BadPageRequestException("cursor is not one this worker gave out; start again without it.", e);
            }
        }

        public override string ToString() => JsonSerializer.Serialize(this);
    }
}
