using System.Text.Json;
using IngestWorker.Tools;

namespace IngestWorker.Tests.Operations;

/// <summary>
/// The GC and JIT settings that keep the worker's peak resident set under its target (docs/performance.md,
/// "Memory") are read by the runtime before any code of ours runs, so they live in the worker's
/// runtimeconfig.json, which every build and publish (the Dockerfile's too) writes from the project file.
/// The bench's part 5 measures what they do; this holds that they are still there.
/// </summary>
public sealed class MemorySettingsTests
{
    [Fact]
    public void The_worker_runs_with_a_16_MB_gen0_budget_memory_conserved_in_gen2_and_no_tiered_PGO()
    {
        var properties = WorkerConfigProperties();

        Assert.Equal(16L * 1024 * 1024, properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64());
        Assert.Equal(9, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
    }

    [Fact]
    public void The_worker_s_idle_pool_threads_block_without_spinning_on_the_cores_it_shares_with_PostgreSQL()
    {
        var properties = WorkerConfigProperties();

        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    /// <summary>The configProperties of the worker's runtimeconfig.json, as the build wrote it beside the worker.</summary>
    private static JsonElement WorkerConfigProperties()
    {
        var path = Path.ChangeExtension(WorkerProcess.BesideThisProgram, ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
