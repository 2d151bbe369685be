using IngestWorker.Core.Extraction;
using Marten;
using Npgsql;

namespace IngestWorker.Projections;

/// <summary>
/// Read models live in a schema of their own, so that a replay can build a whole new one beside it and
/// swap the two in one transaction. Their checkpoints are Marten's (its progression table), one per
/// projection and model: <c>claims</c> for the live one, <c>claims_next</c> for a replay's shadow.
/// </summary>
public static class ReadModelSchema
{
    public const string Live = "ingest_read";
    public const string Shadow = "ingest_read_next";
    private const string Retired = "ingest_read_old";

    /// <summary>Bumped whenever a projection's tables change shape: a model of another shape is rebuilt.</summary>
    public const int Shape = 4;

    /// <summary>A projection's name in Marten: its own name for the live model, with <c>_next</c> for the shadow.</summary>
    public static string ProjectionName(string baseName, string schema) => schema == Live ? baseName : baseName + "_next";

    public static async Task CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IEnumerable<ReadModelProjection> projections, string rulesVersion, CancellationToken ct)
    {
        var ddl = $"""
            create schema if not exists {schema};
            create table if not exists {schema}.parked_events (
                projection text        not null,
                seq        bigint      not null,
                stream_id  text,
                error      text        not null,
                parked_at  timestamptz not null default now(),
                primary key (projection, seq)
            );
            create table if not exists {schema}.model_info (
                id            integer primary key default 1 check (id = 1),
                rules_version     text        not null,
                extractor_version text        not null,
                shape             integer     not null,
                built_at      timestamptz not null default now()
            );
            """ + string.Concat(projections.Select(p => p.TablesSql(rulesVersion)));
        await using (var create = new NpgsqlCommand(ddl, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using var command = new NpgsqlCommand(
            $"insert into {schema}.model_info (rules_version, extractor_version, shape) values ($1, $2, $3) on conflict (id) do nothing", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = rulesVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = ExtractorVersion.Current });
        command.Parameters.Add(new NpgsqlParameter { Value = Shape });
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task DropAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Puts the shadow in place of the live model; the caller's transaction makes it atomic.</summary>
    public static async Task SwapInShadowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool liveExists, CancellationToken ct)
    {
        var retireLive = liveExists ? $"alter schema {Live} rename to {Retired};" : string.Empty;
        await using var command = new NpgsqlCommand(
            $"""
            drop schema if exists {Retired} cascade;
            {retireLive}
            alter schema {Shadow} rename to {Live};
            drop schema if exists {Retired} cascade;
            """, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Sets aside an event a projection could not apply, to be shown by <c>status</c> and applied by a later replay.</summary>
    public static void Park(IDocumentOperations operations, string schema, string projection, JasperFx.Events.IEvent @event, Exception error) =>
        operations.QueueSqlCommand(
            $"insert into {schema}.parked_events (projection, seq, stream_id, error) values (?, ?, ?, ?) on conflict do nothing",
            projection, @event.Sequence, (object?)@event.StreamKey ?? DBNull.Value, $"{error.GetType().Name}: {error.Message}");

    /// <summary>The rules version of the model in <paramref name="schema"/>, read inside a projection's batch.</summary>
    public static async Task<string> RulesVersionAsync(IQuerySession session, string schema, CancellationToken ct)
    {
        var versions = await session.AdvancedSql.QueryAsync<string>($"select rules_version from {schema}.model_info", ct);
        return versions.Count == 1
            ? versions[0]
            : throw new InvalidOperationException($"The read model in schema {schema} has no model_info row.");
    }

    /// <summary>What the model in <paramref name="schema"/> was built with, or null when there is none.</summary>
    public static async Task<ModelVersion?> InfoAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("select to_regclass($1) is not null", connection, transaction);
        exists.Parameters.Add(new NpgsqlParameter { Value = schema + ".model_info" });
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
        {
            return null;
        }

        // Read as JSON: a model built before the extractor's version was recorded has no such column.
        await using var command = new NpgsqlCommand(
            $"select m.rules_version, to_jsonb(m) ->> 'extractor_version' as extractor_version, m.shape from {schema}.model_info m",
            connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var extractor = reader.GetOrdinal("extractor_version");
        return new ModelVersion(reader.GetString(reader.GetOrdinal("rules_version")), reader.IsDBNull(extractor) ? null : reader.GetString(extractor),
            reader.GetInt32(reader.GetOrdinal("shape")));
    }
}
