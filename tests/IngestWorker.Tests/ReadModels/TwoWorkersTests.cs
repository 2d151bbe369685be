using System.Text;
using IngestWorker.EventStore;
using IngestWorker.Projections;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.ReadModels;

public sealed class TwoWorkersTests
{
    [Fact]
    public async Task Two_workers_on_one_database_project_each_event_once_and_the_standby_takes_over_when_the_leader_stops()
    {
        // Given two workers on one database, each with its own inbox, and a projection that records who applied what.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await CreateWhoAppliedAsync(connection);
        var first = await RunningWorker.StartAsync(connection, Paths.Scratch("first"), services: s => WhoApplied.Register(s, "first"));
        await using var second = await RunningWorker.StartAsync(connection, Paths.Scratch("second"), services: s => WhoApplied.Register(s, "second"));

        // When articles arrive at both.
        for (var i = 0; i < 10; i++)
        {
            await (i % 2 == 0 ? first : second).DropAsync($"a{i}.txt", Article(i));
        }

        // Then every event is applied exactly once, all by one leader.
        await Eventually.HoldsAsync(async () => (await AppliedAsync(connection)).Count == 10, "ten events are applied");
        var applied = await AppliedAsync(connection);
        Assert.Equal(10, applied.Select(a => a.Sequence).Distinct().Count());
        var leader = Assert.Single(applied.Select(a => a.Worker).Distinct());

        // When the leader stops and more articles arrive.
        var (stopping, standing) = leader == "first" ? (first, second) : (second, first);
        await stopping.DisposeAsync();
        for (var i = 10; i < 14; i++)
        {
            await standing.DropAsync($"a{i}.txt", Article(i));
        }

        // Then the standby takes over (Wolverine notices the node is gone and moves its agents), and still no event is applied twice.
        await Eventually.HoldsAsync(async () => (await AppliedAsync(connection)).Count == 14, "fourteen events are applied", TimeSpan.FromSeconds(90));
        applied = await AppliedAsync(connection);
        Assert.Equal(14, applied.Select(a => a.Sequence).Distinct().Count());
        Assert.All(applied.Skip(10), a => Assert.NotEqual(leader, a.Worker));
        await first.DisposeAsync();
    }

    private static byte[] Article(int i) =>
        Encoding.UTF8.GetBytes($"Report number {i}\n\nAbout {1000 + i} US troops are in Kuwait, officials said in report {i}.");

    private static async Task<List<(long Sequence, string Worker)>> AppliedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select seq, worker from {ReadModelSchema.Live}.who_applied order by id", connection);
        var rows = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task CreateWhoAppliedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"create schema if not exists {ReadModelSchema.Live}; create table {ReadModelSchema.Live}.who_applied (id bigint generated always as identity, seq bigint not null, worker text not null);",
            connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Writes one row per article event applied, with no protection against doubles: a double shows.</summary>
    private sealed class WhoApplied(string worker) : IProjection
    {
        public static void Register(IServiceCollection services, string worker) =>
            services.ConfigureMarten(options => options.Projections.Add(new WhoApplied(worker), ProjectionLifecycle.Async, "who_applied"));

        public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
        {
            foreach (var e in events.Where(e => e.Data is ArticleReceived))
            {
                operations.QueueSqlCommand($"insert into {ReadModelSchema.Live}.who_applied (seq, worker) values (?, ?)", e.Sequence, worker);
            }

            return Task.CompletedTask;
        }
    }
}
