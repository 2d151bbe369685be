using System.Text.Json;

namespace IngestWorker.Bench.Tests;

/// <summary>
/// The bench times the worker in its own process: that process must run with the worker's runtime settings (GC, JIT,
/// thread pool: src/WorkerRuntime.props), or its figures would be of a worker nobody runs.
/// </summary>
public sealed class BenchRuntimeTests
{
    [Fact]
    public void The_bench_process_runs_with_every_runtime_setting_the_worker_ships_with()
    {
        var worker = ConfigProperties("IngestWorker.runtimeconfig.json");
        var bench = ConfigProperties("IngestWorker.Bench.runtimeconfig.json");

        string[] settings = ["System.GC.Gen0MaxBudget", "System.GC.ConserveMemory", "System.GC.Server", "System.Runtime.TieredPGO",
            "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"];
        foreach (var setting in settings)
        {
            Assert.True(worker.ContainsKey(setting), $"the worker ships with {setting}");
            Assert.True(bench.TryGetValue(setting, out var value), $"the bench sets {setting}");
            Assert.Equal(worker[setting], value);
        }
    }

    private static Dictionary<string, string> ConfigProperties(string file)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
    }
}
