namespace IngestWorker.Bench;

/// <summary>Latencies of many answers and the percentiles people quote (nearest rank, so p99 is a latency some answer really had).</summary>
internal sealed class LatencySample
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public int Errors { get; private set; }

    public void Add(double milliseconds) => _milliseconds.Add(milliseconds);

    public void AddError() => Errors++;

    public void AddAll(LatencySample other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _milliseconds.AddRange(other._milliseconds);
        Errors += other.Errors;
    }

    /// <summary>The latency at or below which the share <paramref name="p"/> (0–1) of the answers came; 0 when there were none.</summary>
    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0)
        {
            return 0;
        }

        _milliseconds.Sort();
        var rank = (int)Math.Ceiling(p * _milliseconds.Count);
        return _milliseconds[Math.Clamp(rank - 1, 0, _milliseconds.Count - 1)];
    }

    public double Max => _milliseconds.Count == 0 ? 0 : _milliseconds.Max();
}
