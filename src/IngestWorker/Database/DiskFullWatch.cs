using Marten;
using Marten.Services;
using Npgsql;

namespace IngestWorker.Database;

/// <summary>
/// Marten's logger seam, used for one thing: every command Marten runs (appends, projections, replays) tells
/// <see cref="DatabaseHealth"/> when it failed for a full disk, and every commit that the disk is writable.
/// Otherwise silent, as Marten's own null logger is: failures reach their callers, who log them.
/// </summary>
internal sealed class DiskFullWatch(DatabaseHealth health) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql)
    {
    }

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Observe(ex);

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void LogFailure(NpgsqlBatch batch, Exception ex) => Observe(ex);

    public void LogFailure(Exception ex, string message) => Observe(ex);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) => health.ReportWritable();

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    private void Observe(Exception ex)
    {
        if (DatabaseHealth.IsDiskFull(ex))
        {
            health.ReportDiskFull(ex);
        }
    }
}
