using System.Globalization;
using System.Text.Json;
using IngestWorker.Claims;
using IngestWorker.Copies;
using IngestWorker.Core.Extraction;
using IngestWorker.Core.Paging;
using IngestWorker.Database;
using IngestWorker.Projections;
using IngestWorker.Core.Timelines;
using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.Troops;

/// <summary>
/// The questions people ask of the troop counts: the figures, and the timelines built from them. Each takes
/// a known-at date: the answer as it would have been given that day, from articles published by then
/// (received by then, when undated). The rows are read here; what they mean is decided by the pure rules
/// of the core (<see cref="TroopTimeline"/>), which articles are one report by <see cref="ICopies"/>.
/// </summary>
public sealed class TroopQueries(NpgsqlDataSource dataSource, ICopies reports)
{
    /// <summary>
    /// The reports a figure of a timeline names inline, the first to give it first; its count of reports
    /// is always whole, and <see cref="PointSourcesPageAsync"/> lists the rest. Without the cut one series of
    /// 10,000 generated articles was a 5 MB answer, and 200 clients asking for it held the two cores busy
    /// copying bytes.
    /// </summary>
    public const int SourcesShown = 5;

    private const string Troops = ReadModelSchema.Live + "." + TroopCountTable.TableName;

    private const string TroopSubject = "($1::text is null or lower(location) = lower($1) or lower(site) = lower($1))";

    /// <summary>
    /// <see cref="SeriesKey"/> in SQL, in the C collation (byte order, as ordinal): force, place and kind
    /// joined by a unit separator, which sorts below every character a name holds, so the joined keys sort
    /// as the triples do.
    /// </summary>
    /// <summary>A series' key, as <see cref="SeriesKey"/> makes it: the kind's place in the kinds' order (<see cref="TroopKinds"/>) before its name.</summary>
    private static readonly string SeriesKeySql = $"""
        (force || chr(31) || location || chr(31) ||
         coalesce(array_position(array['{string.Join("', '", TroopKinds.Names)}'], kind) - 1, {TroopKinds.Names.Count})::text || kind) collate "C"
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
                   count(*) over () as total
            from {Troops}
            where {TroopSubject} and {ClaimRows.Filters}
              and ($6::text is null or (location, force, kind, seq, ordinal) > ($6, $7, $8, $9, $10))
            order by location, force, kind, seq, ordinal
            limit $11
            """);
        ClaimRows.AddFilters(command, filter);
        command.Parameters.Add(ClaimRows.Text(key?.Location));
        command.Parameters.Add(ClaimRows.Text(key?.Force));
        command.Parameters.Add(ClaimRows.Text(key?.Kind.Word()));
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
                    reader.Text("force"), reader.Text("location"), reader.NullableText("site"), reader.Word<TroopKind>("kind"), reader.Value<int>("count"),
                    reader.Word<Bound>("bound"), reader.NullableText("as_of"), reader.Text("quote"), reader.Text("rules_version"), ClaimRows.Source(reader, copies));
                rows.Add((view, new TroopKey(view.Location, view.Force, view.Kind, reader.Value<long>("seq"), reader.Value<int>("ordinal"))));
                total = reader.Value<long>("total");
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

    /// <summary>
    /// The places (countries and sites) of any troop count, whatever the day or period, whose names hold <paramref name="name"/>
    /// in any case, the one named exactly first: what a location filter that finds nothing may have meant ("Ain al-Asad Air
    /// Base" for "Ain al-Asad").
    /// </summary>
    public async Task<IReadOnlyList<string>> PlacesHoldingAsync(string name, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($$"""
            select place from (
              select distinct place from {{Troops}} cross join lateral (values (location), (site)) as p(place)
              where strpos(lower(place), lower($1)) > 0) as named
            order by lower(place) <> lower($1), place
            limit 5
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        var places = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            places.Add(reader.Text("place"));
        }

        return places;
    }

    private async Task<long> CountTroopsAsync(ClaimFilter filter, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select count(*) from {Troops} where {TroopSubject} and {ClaimRows.Filters}");
        ClaimRows.AddFilters(command, filter);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public Task<IReadOnlyList<FigureSeries>> HistoryAsync(string? location, string? force, DateOnly? knownAt, CancellationToken ct) =>
        HistoryAsync(new ClaimFilter(location, force, knownAt), ct);

    /// <summary>One timeline per force, place and kind: per period, the figure the reports support and who reported it.</summary>
    public async Task<IReadOnlyList<FigureSeries>> HistoryAsync(ClaimFilter filter, CancellationToken ct) =>
        await SeriesOfAsync(filter, keys: null, ct);

    /// <summary>
    /// One page of timelines: the series' keys with their counts of figures first, then only the series the
    /// page can hold read and built, and the page cut from them (inside a series when its points are too many
    /// for one page, <see cref="TimelinePageShape"/>).
    /// </summary>
    public async Task<Page<FigureSeries>> HistoryPageAsync(ClaimFilter filter, PageRequest page, CancellationToken ct)
    {
        var keys = await ClaimRows.GroupsAsync(dataSource, $"select {SeriesKeySql} as key, count(*) as rows from {Troops} where {TroopSubject} and {ClaimRows.Filters} group by 1 order by 1",
            filter, ct);

        // A figure brings at most a point, a figure of it and a copy of a report.
        return await ClaimRows.PieceByPieceAsync(keys, page, rows => 1 + (3L * rows), (chosen, token) => SeriesOfAsync(filter, chosen, token),
            TimelinePageShape.For(SeriesKey), ct);
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
    public async Task<Page<PointSourceView>> PointSourcesPageAsync(ClaimFilter filter, TroopKind kind, Period period, bool dated, PageRequest page,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var point = TroopTimeline.Build(await FiguresAsync(filter with { From = null, To = null }, keys: null, ct))
            .Where(series => series.Kind == kind)
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
            where {TroopSubject} and {ClaimRows.Filters} and ($6::text[] is null or {SeriesKeySql} = any($6))
            order by seq, ordinal
            """);
        ClaimRows.AddFilters(command, filter);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)keys ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var copies = await reports.CopiesAsync(ct);
        var figures = new List<TroopReport<ClaimSourceView>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var source = ClaimRows.Source(reader, copies);
            figures.Add(new TroopReport<ClaimSourceView>(reader.Text("force"), reader.Text("location"), reader.Word<TroopKind>("kind"), reader.Value<int>("count"),
                reader.Word<Bound>("bound"), reader.NullableText("as_of"), reader.Value<DateOnly>("known_from"), source.Report, source));
        }

        return figures;
    }

    private static string SeriesKey(FigureSeries series) => string.Join('\u001f', series.Force, series.Location, TroopKinds.Order(series.Kind).ToString(CultureInfo.InvariantCulture) + series.Kind.Word());

    private static TimelinePointView Point(TimelinePoint<ClaimSourceView> point) => new(
        point.Period.Key, point.Period.Precision, point.Period.Start, point.Period.End, point.Dated, point.Count, point.Bound,
        point.Reports, point.Copies, point.Latest, point.Disagreement,
        point.Figures.Select(f => new FigureView(f.Count, f.Bound, f.Reports.Count,
            f.Reports.Take(SourcesShown).Select(r => new ReportView(r.ReportId, Outlets(r.Copies), r.Copies)).ToList())).ToList());

    private static List<string> Outlets(IEnumerable<ClaimSourceView> copies) =>
        copies.Select(c => c.Outlet ?? c.Title ?? c.StreamId).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Where a page of troop counts stopped: the sort key of its last row.</summary>
    private sealed record TroopKey(string Location, string Force, TroopKind Kind, long Seq, int Ordinal)
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
