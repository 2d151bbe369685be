using System.Runtime.Versioning;
using IngestWorker.Postgres;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IngestWorker.Tests.Database;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public void A_machine_without_postgres_is_told_in_one_sentence_how_to_install_it()
    {
        var error = Assert.Throws<PostgresNotInstalledException>(() => PostgresBinaries.Locate([Paths.Scratch("no-postgres")]));

        Assert.Contains("apt-get install postgresql", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_second_process_on_the_same_data_folder_uses_the_running_server_and_the_last_one_out_stops_it()
    {
        // Given a server started for one data folder, with a session open on it (a running worker).
        var folder = Paths.Scratch("pg");
        var worker = await EmbeddedPostgres.StartAsync(folder, NullLogger.Instance, CancellationToken.None, durable: false);
        var session = new NpgsqlConnection(worker.ConnectionString);
        await session.OpenAsync();
        await using (var mark = new NpgsqlCommand("create table started_by_worker (id int)", session))
        {
            await mark.ExecuteNonQueryAsync();
        }

        // When a second user of the folder comes and goes (a query).
        var query = await EmbeddedPostgres.StartAsync(folder, NullLogger.Instance, CancellationToken.None, durable: false);
        await using (var look = new NpgsqlConnection(query.ConnectionString))
        {
            await look.OpenAsync();
            await using var command = new NpgsqlCommand("select to_regclass('started_by_worker') is not null", look);
            Assert.True((bool)(await command.ExecuteScalarAsync())!);
        }

        await query.DisposeAsync();

        // Then the server still serves the first, and stops when the first leaves too.
        await using (var stillThere = new NpgsqlCommand("select 1", session))
        {
            Assert.Equal(1, await stillThere.ExecuteScalarAsync());
        }

        await session.DisposeAsync();
        await worker.DisposeAsync();
        await using var after = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(worker.ConnectionString) { Timeout = 2 }.ConnectionString);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => after.OpenAsync());
    }

    [Fact]
    public async Task A_data_folder_moved_elsewhere_starts_and_answers_where_it_now_lives()
    {
        // Given a data folder whose server made a table and stopped
        var folder = Paths.Scratch("pg-before-move");
        await using (var first = await EmbeddedPostgres.StartAsync(folder, NullLogger.Instance, CancellationToken.None, durable: false))
        {
            await using var connection = new NpgsqlConnection(first.ConnectionString);
            await connection.OpenAsync();
            await using var mark = new NpgsqlCommand("create table made_before_the_move (id int)", connection);
            await mark.ExecuteNonQueryAsync();
        }

        // When the folder is moved and a server is started on it again
        var moved = Paths.Scratch("pg-after-move");
        Directory.Delete(moved);
        Directory.Move(folder, moved);
        await using var again = await EmbeddedPostgres.StartAsync(moved, NullLogger.Instance, CancellationToken.None, durable: false);

        // Then it answers from its new place, with its data
        await using var look = new NpgsqlConnection(again.ConnectionString);
        await look.OpenAsync();
        await using var command = new NpgsqlCommand("select to_regclass('made_before_the_move') is not null", look);
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_worker_that_stops_with_its_own_sessions_still_open_stops_its_server()
    {
        // Given a server whose only user still holds a session of its own (a listener the host has not closed yet)
        var folder = Paths.Scratch("pg-own-sessions");
        var worker = await EmbeddedPostgres.StartAsync(folder, NullLogger.Instance, CancellationToken.None, durable: false);
        var listener = new NpgsqlConnection(worker.ConnectionString);
        await listener.OpenAsync();

        // When that user stops
        await worker.DisposeAsync();

        // Then the server is stopped: its own session is not taken for another user's
        await listener.DisposeAsync();
        await using var after = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(worker.ConnectionString) { Timeout = 2, Pooling = false }.ConnectionString);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => after.OpenAsync());
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Regression_another_local_user_gets_no_session_on_the_embedded_server_and_the_worker_still_does()
    {
        // Given a fresh embedded server (as root it runs as postgres; the worker connects as root).
        var folder = Paths.Scratch("pg-private");
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        await using var server = await EmbeddedPostgres.StartAsync(folder, NullLogger.Instance, CancellationToken.None, durable: false);
        var socketFolder = new NpgsqlConnectionStringBuilder(server.ConnectionString).Host!;

        // Then its socket folder is closed to everyone but the server's user, and no login is trusted.
        Assert.Equal(ServerAccess.OwnerOnly, File.GetUnixFileMode(socketFolder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "pgpass")));
        var wrongPassword = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Passfile = null, Password = "not-the-password", Pooling = false };
        await using (var guess = new NpgsqlConnection(wrongPassword.ConnectionString))
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => guess.OpenAsync());
            Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        }

        if (Environment.UserName == "root")
        {
            // The folder above the socket is open to other users, so only the socket folder and the password stop them.
            Assert.Equal(0, (await ProcessRunner.RunAsync("test", ["-x", folder], "nobody", CancellationToken.None)).ExitCode);
            var intruder = await ProcessRunner.RunAsync("psql", ["-h", socketFolder, "-U", "ingest", "-d", "ingest", "-w", "-c", "select 1"], "nobody", CancellationToken.None);
            Assert.NotEqual(0, intruder.ExitCode);
            Assert.Contains("Permission denied", intruder.Output, StringComparison.Ordinal);
        }

        // And the worker's own connection string still opens a session.
        await using var worker = new NpgsqlConnection(server.ConnectionString);
        await worker.OpenAsync();
        await using var check = new NpgsqlCommand("select current_user", worker);
        Assert.Equal("ingest", await check.ExecuteScalarAsync());
    }
}
