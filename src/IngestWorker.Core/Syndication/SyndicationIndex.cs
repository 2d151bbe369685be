namespace IngestWorker.Syndication;

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

    // Most shingles are held by one article only: they are kept as a bare index, and only shingles shared
    // by two or more get a list (a list per shingle was most of the worker's memory at 10,000 articles).
    private readonly Dictionary<ulong, int> _heldOnce = [];
    private readonly Dictionary<ulong, List<int>> _heldMore = [];
    private readonly List<Member> _members = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly List<int> _parent = [];

    public int Count => _members.Count;

    /// <summary>The ids added, in the order they were added.</summary>
    public IEnumerable<string> Members => _members.Select(m => m.Id);

    /// <summary>Adds an article; a second add of the same id is ignored.</summary>
    /// <param name="published">When it appeared: the earliest copy of a report is its original.</param>
    public void Add(string id, string body, DateOnly published)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_byId.ContainsKey(id))
        {
            return;
        }

        var shingles = Shingles.Sampled(body);
        var index = _members.Count;
        _members.Add(new Member(id, published, shingles.Count));
        _byId[id] = index;
        _parent.Add(index);
        if (shingles.Count < MinimumShingles)
        {
            return;
        }

        var shared = new Dictionary<int, int>();
        foreach (var shingle in shingles)
        {
            if (_heldMore.TryGetValue(shingle, out var holders))
            {
                // Past the limit a shingle is boilerplate: never counted again, so its holders need not grow.
                if (holders.Count <= CommonLimit)
                {
                    foreach (var other in holders)
                    {
                        shared[other] = shared.GetValueOrDefault(other) + 1;
                    }

                    holders.Add(index);
                }

                continue;
            }

            if (_heldOnce.Remove(shingle, out var first))
            {
                shared[first] = shared.GetValueOrDefault(first) + 1;
                _heldMore[shingle] = [first, index];
                continue;
            }

            _heldOnce[shingle] = index;
        }

        foreach (var (other, count) in shared)
        {
            var smaller = Math.Min(shingles.Count, _members[other].Shingles);
            if (smaller >= MinimumShingles && count >= Threshold * smaller)
            {
                Union(index, other);
            }
        }
    }

    /// <summary>The original of the report this article carries: itself when it is no copy (or unknown).</summary>
    public string OriginalOf(string id) => _byId.TryGetValue(id, out var index) ? _members[Find(index)].Id : id;

    public bool Contains(string id) => _byId.ContainsKey(id);

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
    private void Union(int a, int b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA == rootB)
        {
            return;
        }

        var aFirst = (_members[rootA].Published, rootA).CompareTo((_members[rootB].Published, rootB)) < 0;
        if (aFirst)
        {
            _parent[rootB] = rootA;
        }
        else
        {
            _parent[rootA] = rootB;
        }
    }

    private sealed record Member(string Id, DateOnly Published, int Shingles);
}
