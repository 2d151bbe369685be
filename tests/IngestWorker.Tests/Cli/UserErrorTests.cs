using IngestWorker.Bases;
using IngestWorker.Core.Errors;
using IngestWorker.Core.Extraction;
using IngestWorker.Core.Paging;
using IngestWorker.Core.Scoring;
using IngestWorker.Database;
using IngestWorker.Hosting;
using IngestWorker.Postgres;
using IngestWorker.Projections;
using IngestWorker.Replay;

namespace IngestWorker.Tests.Cli;

public sealed class UserErrorTests
{
    [Fact]
    public void Every_error_a_user_can_fix_is_one_base_type_with_a_code_of_its_own()
    {
        IngestWorkerException[] errors =
        [
            new RulesFileException("rules.yaml, line 3: a place has no name."),
            new GoldFileException("gold.json is not a list."),
            new BadPageRequestException("cursor is empty."),
            new UnknownBaseException("Nowhere", []),
            new RulesVersionUnknownException("abc"),
            new ReplayBusyException(),
            new PostgresNotInstalledException(),
            new EmbeddedServerException("initdb failed in .ingest/cluster."),
            new InvalidConnectionStringException("Host= has no value.", new FormatException()),
            new DatabaseRequiredException(),
            new DatabaseMissingException("ingest", "db", new InvalidOperationException()),
            new NoDataYetException("no data yet in .ingest."),
            new DataFolderInUseException(".ingest", 42),
            new SchemaNotAppliedException(new InvalidOperationException()),
            new ListenAddressInUseException("http://127.0.0.1:5080", new InvalidOperationException()),
        ];

        Assert.Equal(Enum.GetValues<ErrorCode>().Order(), errors.Select(e => e.Code).Order());
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }
}
