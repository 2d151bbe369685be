using IngestWorker.Projections;
using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.Claims;

/// <summary>
/// The questions people ask of the claims. Each takes a known-at date: the answer as it would have been
/// given that day, from articles published by then (received by then, when undated).
/// </summary>
public sealed class ClaimQueries(NpgsqlDataSource dataSource)
{
    private const string Troops = ReadModelSchema.Live + ".troop_counts";
    private const string Bases = ReadModelSchema.Live + ".base_statements";

    /// <param name="location">A country or a finer site, any case.</param>
    public async Task<IReadOnlyList<TroopCountView>> TroopsAsync(string? location, string? force, DateOnly? knownAt, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select force, location, site, kind, count, bound, as_of, quote, rules_version,
                   stream_id, title, outlet, published, received_at
            from {Troops}
            where ($1::text is null or lower(location) = lower($1) or lower(site) = lower($1))
              and ($2::text is null or lower(force) = lower($2))
              and ($3::date is null or known_from <= $3)
            order by location, force, as_of nulls first, published nulls first, seq, ordinal
            """);
        AddFilters(command, location, force, knownAt);
        var rows = new List<TroopCountView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new TroopCountView(
                reader.GetString(0), reader.GetString(1), NullableString(reader, 2), reader.GetString(3), reader.GetInt32(4),
                reader.GetString(5), NullableString(reader, 6), reader.GetString(7), reader.GetString(8), Source(reader, 9)));
        }

        return rows;
    }

    /// <param name="baseName">Part of a base's name, any case; null for every base.</param>
    public async Task<IReadOnlyList<BaseStatusView>> BasesAsync(string? baseName, DateOnly? knownAt, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select base, status, as_of, quote, rules_version, stream_id, title, outlet, published, received_at
            from {Bases}
            where ($1::text is null or base ilike '%' || $1 || '%')
              and ($3::date is null or known_from <= $3)
            order by base, as_of nulls first, published nulls first, seq, ordinal
            """);
        AddFilters(command, baseName, null, knownAt);
        var statements = new List<(string Base, BaseStatementView Statement)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                statements.Add((reader.GetString(0),
                    new BaseStatementView(reader.GetString(1), NullableString(reader, 2), reader.GetString(3), reader.GetString(4), Source(reader, 5))));
            }
        }

        return statements.GroupBy(s => s.Base, StringComparer.Ordinal)
            .Select(group => CurrentStatus(group.Key, group.Select(s => s.Statement).ToList()))
            .ToList();
    }

    /// <summary>Each series of figures in the order they were reported, the change between them, and disagreements.</summary>
    public async Task<IReadOnlyList<FigureSeries>> HistoryAsync(string? location, string? force, DateOnly? knownAt, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select force, location, kind, count, bound, as_of, known_from, stream_id, title, outlet, published, received_at
            from {Troops}
            where ($1::text is null or lower(location) = lower($1) or lower(site) = lower($1))
              and ($2::text is null or lower(force) = lower($2))
              and ($3::date is null or known_from <= $3)
            order by force, location, kind, known_from, as_of nulls first, seq, ordinal
            """);
        AddFilters(command, location, force, knownAt);
        var reports = new List<(string Force, string Location, string Kind, int Count, string Bound, string? AsOf, string Period, ClaimSourceView Source)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var asOf = NullableString(reader, 5);
                var period = asOf?[..4] ?? reader.GetFieldValue<DateOnly>(6).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
                reports.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), asOf, period, Source(reader, 7)));
            }
        }

        return reports.GroupBy(r => (r.Force, r.Location, r.Kind))
            .Select(series =>
            {
                // One figure per distinct (count, bound, asOf), placed where it was first reported.
                var figures = series.GroupBy(r => (r.Count, r.Bound, r.AsOf, r.Period)).ToList();
                var result = new List<ReportedFigure>();
                for (var i = 0; i < figures.Count; i++)
                {
                    var figure = figures[i].Key;
                    int? previous = i == 0 ? null : figures[i - 1].Key.Count;
                    var disagreeing = figures.Where(other => other.Key.Period == figure.Period && other.Key.Count != figure.Count)
                        .Select(other => other.Key.Count).Distinct().Order().ToList();
                    result.Add(new ReportedFigure(figure.Count, figure.Bound, figure.AsOf, figure.Period, previous,
                        figure.Count - previous, figures[i].Select(r => r.Source).ToList(), disagreeing));
                }

                return new FigureSeries(series.Key.Force, series.Key.Location, series.Key.Kind, result);
            })
            .ToList();
    }

    /// <param name="ordered">Statements by asOf (undated first: they cannot be placed), then published date.</param>
    private static BaseStatusView CurrentStatus(string baseName, List<BaseStatementView> ordered)
    {
        var latest = ordered[^1];
        var since = latest.AsOf;
        for (var i = ordered.Count - 2; i >= 0 && ordered[i].Status == latest.Status; i--)
        {
            since = ordered[i].AsOf ?? since;
        }

        return new BaseStatusView(baseName, latest.Status, latest.AsOf, since, ordered);
    }

    private static void AddFilters(NpgsqlCommand command, string? subject, string? force, DateOnly? knownAt)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)subject ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)force ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)knownAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
    }

    private static ClaimSourceView Source(NpgsqlDataReader reader, int first) => new(
        reader.GetString(first),
        NullableString(reader, first + 1),
        NullableString(reader, first + 2),
        reader.IsDBNull(first + 3) ? null : reader.GetFieldValue<DateOnly>(first + 3),
        reader.GetFieldValue<DateTimeOffset>(first + 4));

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
