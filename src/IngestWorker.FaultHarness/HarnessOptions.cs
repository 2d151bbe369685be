namespace IngestWorker.FaultHarness;

/// <summary>How hard one run of the fault harness pushes the worker.</summary>
/// <param name="Folder">Where the run lives: the worker's data folder, inbox, archive and rejected folders.</param>
/// <param name="Articles">Distinct good articles dropped over the run (some dropped twice more, as duplicates).</param>
/// <param name="KillRounds">Times a worker is started, fed and killed with SIGKILL at a random moment.</param>
/// <param name="PostgresKills">Times PostgreSQL itself is killed under a running worker.</param>
/// <param name="Seed">Makes the random moments and texts repeatable.</param>
public sealed record HarnessOptions(string Folder, int Articles = 3000, int KillRounds = 100, int PostgresKills = 3, int Seed = 42)
{
    /// <summary>The worker program: beside the harness (a project reference copies it).</summary>
    public string WorkerDll { get; init; } = Path.Combine(AppContext.BaseDirectory, "IngestWorker.dll");

    /// <summary>
    /// Runs a worker first on an archive disk that is full (a small tmpfs mounted over archive/ and filled;
    /// only where the harness may mount, as root), then frees it, and measures how long the files held back take to leave.
    /// </summary>
    public bool FullArchiveDisk { get; init; } = true;

    /// <summary>How long a worker may take to drain the inbox and catch its projections up at the end.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
