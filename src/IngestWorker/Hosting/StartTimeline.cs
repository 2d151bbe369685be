using System.Diagnostics;
using System.Globalization;

namespace IngestWorker.Hosting;

/// <summary>
/// When each step of the worker's start ended, counted from the process start (the runtime's own start
/// included), so the bench and a person reading the log see where a slow start goes.
/// </summary>
public sealed class StartTimeline
{
    private readonly DateTime _processStarted = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private readonly List<(string Step, TimeSpan At)> _steps = [];

    /// <summary>The line's opening words; the bench finds the line by them.</summary>
    public const string Heading = "Start steps (ms since process start):";

    public void Mark(string step)
    {
        var at = DateTime.UtcNow - _processStarted;
        lock (_steps)
        {
            _steps.Add((step, at));
        }
    }

    /// <summary>"host built 412, log schema ready 1010, …" in the order the steps ended.</summary>
    public string Describe()
    {
        lock (_steps)
        {
            return string.Join(", ", _steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Step} {s.At.TotalMilliseconds:F0}")));
        }
    }
}
