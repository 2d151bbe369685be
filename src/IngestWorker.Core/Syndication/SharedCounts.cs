using System.Runtime.CompilerServices;

namespace IngestWorker.Core.Syndication;

/// <summary>
/// How many sampled shingles a new article shares with each earlier one: one array indexed by article, reused
/// from one article to the next, with the articles touched so that clearing costs what was counted (a
/// dictionary per article was garbage for every body).
/// </summary>
internal sealed class SharedCounts
{
    private int[] _counts = new int[1024];
    private readonly List<int> _touched = [];

    /// <summary>The articles counted since the last <see cref="Clear"/>, in the order first counted.</summary>
    public IReadOnlyList<int> Articles => _touched;

    public int this[int article] => _counts[article];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int article)
    {
        if (article >= _counts.Length)
        {
            Array.Resize(ref _counts, Math.Max(article + 1, _counts.Length * 2));
        }

        if (_counts[article]++ == 0)
        {
            _touched.Add(article);
        }
    }

    public void Clear()
    {
        foreach (var article in _touched)
        {
            _counts[article] = 0;
        }

        _touched.Clear();
    }
}
