using Microsoft.Extensions.Hosting;

namespace IngestWorker;

/// <summary>Wolverine takes messages only once the whole host has started: background work that sends them waits for that.</summary>
public static class HostStarted
{
    public static async Task WaitAsync(IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(ct);
    }
}
