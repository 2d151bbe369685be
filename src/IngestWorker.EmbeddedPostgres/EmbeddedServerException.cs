using IngestWorker.Core.Errors;

namespace IngestWorker.Postgres;

/// <summary>The embedded PostgreSQL could not be created or started; the message says what failed and where to look.</summary>
public sealed class EmbeddedServerException(string message) : IngestWorkerException(ErrorCode.EmbeddedServerFailed, message);

/// <summary>A reader asked for the server of a data folder where no worker has made one yet.</summary>
public sealed class ClusterMissingException(string dataFolder) : Exception($"no PostgreSQL cluster in {dataFolder} yet")
{
    public string DataFolder { get; } = dataFolder;
}
