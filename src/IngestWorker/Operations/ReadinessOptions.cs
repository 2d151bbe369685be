using System.Globalization;

namespace IngestWorker.Operations;

/// <summary>
/// How far behind the projections may be while <c>/health/ready</c> still says ready: the answers the API
/// gives are then at most that stale. Set with <c>--ready-max-lag</c> / <c>INGEST_READY_MAX_LAG</c> (events)
/// and <c>--ready-max-stall</c> / <c>INGEST_READY_MAX_STALL</c> (seconds).
/// </summary>
public sealed record ReadinessOptions
{
    public const string MaxLagVariable = "INGEST_READY_MAX_LAG";
    public const string MaxStallVariable = "INGEST_READY_MAX_STALL";

    /// <summary>Events a projection may have left to apply (a large drop is taken in a few seconds; a backlog past this is not).</summary>
    public long MaxLagEvents { get; init; } = 10_000;

    /// <summary>How long a projection may have events waiting without its checkpoint moving: past this it is taken to be stuck.</summary>
    public TimeSpan MaxStall { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The defaults, with what the environment sets instead.</summary>
    /// <exception cref="ArgumentException">A variable is set to something that is not a positive whole number.</exception>
    public static ReadinessOptions FromEnvironment() => new()
    {
        MaxLagEvents = Positive(MaxLagVariable) ?? 10_000,
        MaxStall = Positive(MaxStallVariable) is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(30),
    };

    private static long? Positive(string variable) => Environment.GetEnvironmentVariable(variable) switch
    {
        null or "" => null,
        var text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 => value,
        var text => throw new ArgumentException($"{variable} must be a positive whole number, not '{text}'."),
    };
}
