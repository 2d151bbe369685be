using System.Runtime.CompilerServices;

namespace IngestWorker.Core.Syndication;

/// <summary>
/// Finds copies of one report among articles: two bodies are one report when the smaller shares at least
/// <see cref="Threshold"/> of its sampled word shingles with the other (containment, not Jaccard, because
/// an outlet often wraps a wire text in paragraphs of its own). Articles are added one at a time; each is
/// compared only with the articles sharing one of its shingles (an inverted index), so adding n articles
/// costs about n times the size of one, not n².
/// </summary>
/// <remarks>
/// The threshold comes from the seeds: 001 and 003 carry one Reuters report (containment 0.31 on three-word
/// shingles); the closest pair of different reports, 000 and 004 on the same Pentagon statement, shares
/// 0.12. Shingles that occur in more than <see cref="CommonLimit"/> articles are boilerplate ("the united
/// states") and are not counted.
/// </remarks>
public sealed class SyndicationIndex
{
    public const double Threshold = 0.2;

    /// <summary>Bodies with fewer sampled shingles than this are too short to call copies.</summary>
    public const int MinimumShingles = 5;

    public const int CommonLimit = 64;

    // The members as parallel lists indexed by the order of adding: no object per article.
    private readonly List<string> _ids = [];
    private readonly List<int> _published = [];
    private readonly List<int> _sizes = [];
    private readonly List<int> _parent = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly ShingleHolders _holders = new();

    // Scratch reused from one article to the next, so that adding one allocates nothing once they have grown.
    private readonly List<ulong> _sampled = [];
    private readonly SharedCounts _shared = new();

    public int Count => _ids.Count;

    /// <summary>The ids added, in the order they were added.</summary>
    public IEnumerable<string> Members => _ids;

    /// <summary>Adds an article; a second add of the same id is ignored.</summary>
    /// <param name="published">When it appeared: the earliest copy of a report is its original.</param>
    public void Add(string id, string body, DateOnly published)
    {
        ArgumentNullException.ThrowIfNull(body);
        Add(id, body.AsSpan(), published);
    }

    /// <inheritdoc cref="Add(string, string, DateOnly)"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(string id, ReadOnlySpan<char> body, DateOnly published)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_byId.ContainsKey(id))
        {
            return;
        }

        Shingles.Sample(body, _sampled);
        var index = _ids.Count;
        _ids.Add(id);
        _published.Add(published.DayNumber);
        _sizes.Add(_sampled.Count);
        _byId[id] = index;
        _parent.Add(index);
        if (_sampled.Count < MinimumShingles)
        {
            return;
        }

        foreach (var shingle in _sampled)
        {
            _holders.Hold(shingle, index, CommonLimit, _shared);
        }

        foreach (var other in _shared.Articles)
        {
            var smaller = Math.Min(_sampled.Count, _sizes[other]);
            if (smaller >= MinimumShingles && _shared[other] >= Threshold * smaller)
            {
                Union(index, other);
            }
        }

        _shared.Clear();
    }

    /// <summary>The original of the report this article carries: itself when it is no copy (or unknown).</summary>
    public string OriginalOf(string id) => _byId.TryGetValue(id, out var index) ? _ids[Find(index)] : id;

    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>Every article that is a copy, with its original, in the order they were added.</summary>
    public IEnumerable<(string Copy, string Original)> Copies()
    {
        for (var i = 0; i < _ids.Count; i++)
        {
            var root = Find(i);
            if (root != i)
            {
                yield return (_ids[i], _ids[root]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Find(int index)
    {
        while (_parent[index] != index)
        {
            _parent[index] = _parent[_parent[index]];
            index = _parent[index];
        }

        return index;
    }

    /// <summary>Joins two reports; the root is the earlier published (then the earlier added), so it names the original.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Union(int a, int b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA == rootB)
        {
            return;
        }

        var aFirst = (_published[rootA], rootA).CompareTo((_published[rootB], rootB)) < 0;
        if (aFirst)
        {
            _parent[rootB] = rootA;
        }
        else
        {
            _parent[rootA] = rootB;
        }
    }
}
