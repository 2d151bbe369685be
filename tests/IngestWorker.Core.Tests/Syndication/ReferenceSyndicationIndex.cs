namespace IngestWorker.Core.Tests.Syndication;

/// <summary>
/// The syndication index as it stood before its compact structure (main at f3aa9b1): dictionaries of shingle
/// to holders, a string per word. Kept as the oracle the compact index must agree with, article for article.
/// </summary>
internal sealed class ReferenceSyndicationIndex
{
    private const int Words = 3;
    private const int SampleModulus = 4;
    private const double Threshold = 0.2;
    private const int MinimumShingles = 5;
    private const int CommonLimit = 64;

    private readonly Dictionary<ulong, int> _heldOnce = [];
    private readonly Dictionary<ulong, List<int>> _heldMore = [];
    private readonly List<(string Id, DateOnly Published, int Shingles)> _members = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly List<int> _parent = [];

    public static HashSet<ulong> Sampled(string body)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= body.Length; i++)
        {
            var inWord = i < body.Length && char.IsLetterOrDigit(body[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(body[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        var sampled = new HashSet<ulong>();
        for (var i = 0; i + Words <= words.Count; i++)
        {
            var hash = 14695981039346656037UL;
            for (var w = i; w < i + Words; w++)
            {
                foreach (var c in words[w])
                {
                    hash = (hash ^ c) * 1099511628211UL;
                }

                hash = (hash ^ ' ') * 1099511628211UL;
            }

            hash ^= hash >> 29;
            if (hash % SampleModulus == 0)
            {
                sampled.Add(hash);
            }
        }

        return sampled;
    }

    public void Add(string id, string body, DateOnly published)
    {
        if (_byId.ContainsKey(id))
        {
            return;
        }

        var shingles = Sampled(body);
        var index = _members.Count;
        _members.Add((id, published, shingles.Count));
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

    public string OriginalOf(string id) => _byId.TryGetValue(id, out var index) ? _members[Find(index)].Id : id;

    private int Find(int index)
    {
        while (_parent[index] != index)
        {
            index = _parent[index];
        }

        return index;
    }

    private void Union(int a, int b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA == rootB)
        {
            return;
        }

        if ((_members[rootA].Published, rootA).CompareTo((_members[rootB].Published, rootB)) < 0)
        {
            _parent[rootB] = rootA;
        }
        else
        {
            _parent[rootA] = rootB;
        }
    }
}
