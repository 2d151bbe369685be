namespace IngestWorker.Database;

/// <summary>
/// One read of the database shared by the questions that arrive together. A read always starts after the
/// questions it answers were asked: while one runs, the questions that arrive meanwhile wait for the next,
/// which starts when it ends. So 200 clients cost a few reads per round trip, not 200, and no answer is
/// older than its question.
/// </summary>
/// <param name="read">The read; it runs on no question's token, since it serves every question of its batch.</param>
public sealed class BatchedRead<T>(Func<Task<T>> read)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource<T>? _queued;
    private bool _reading;

    /// <param name="ct">Stops this question's wait only; the read goes on for the others.</param>
    public Task<T> ReadAsync(CancellationToken ct)
    {
        TaskCompletionSource<T> mine;
        var start = false;
        lock (_lock)
        {
            _queued ??= new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            mine = _queued;
            if (!_reading)
            {
                _reading = true;
                _queued = null;
                start = true;
            }
        }

        if (start)
        {
            _ = ReadBatchesAsync(mine);
        }

        return mine.Task.WaitAsync(ct);
    }

    /// <summary>Reads for one batch of questions, then for the batch that gathered meanwhile, until none waits.</summary>
    private async Task ReadBatchesAsync(TaskCompletionSource<T> batch)
    {
        while (true)
        {
            try
            {
                batch.SetResult(await read());
            }
            catch (Exception e)
            {
                // Every question of the batch gets the fault (a database that is down is a 503 to each).
                batch.SetException(e);
            }

            lock (_lock)
            {
                if (_queued is null)
                {
                    _reading = false;
                    return;
                }

                batch = _queued;
                _queued = null;
            }
        }
    }
}
