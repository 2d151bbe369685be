using IngestWorker.Core.Errors;

namespace IngestWorker.Projections;

/// <summary>A read model was built with rules the log holds no record of.</summary>
public sealed class RulesVersionUnknownException(string version)
    : IngestWorkerException(ErrorCode.RulesVersionUnknown, $"Rules version {version} is not recorded in the log; run `IngestWorker replay` to rebuild with the current rules.");
