using System.Numerics;

namespace IngestWorker.Syndication;

/// <summary>
/// Which articles hold each sampled shingle: the inverted index of <see cref="SyndicationIndex"/>, in flat arrays.
/// </summary>
/// <remarks>
/// At 10,000 articles there are about 630,000 distinct sampled shingles, two in three held by one article
/// only. Held in a <c>Dictionary&lt;ulong, int&gt;</c> beside a <c>Dictionary&lt;ulong, List&lt;int&gt;&gt;</c>
/// they took 46 MB (entries, buckets, a list object and an array per shared shingle). Here a shingle is one
/// slot of an open-addressing table, 12 bytes: its key and one int that is either its only holder or the
/// number of its list of holders; a list is a chain of 8-byte nodes in fixed chunks. That is under half.
/// </remarks>
internal sealed class ShingleHolders
{
    // 16,384 nodes a chunk: 64 KB arrays stay in the small object heap, where the GC compacts them.
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;

    // A slot's value: 0 empty, h + 1 for the one holder h, -(l + 1) for the list l of two or more.
    private ulong[] _keys = new ulong[1024];
    private int[] _values = new int[1024];
    private int _shingles;

    // List l: its newest node and its length.
    private int[] _listHead = new int[256];
    private int[] _listLength = new int[256];
    private int _lists;

    // Node n: a holder and the node after it (-1 at the end of its list).
    private readonly List<int[]> _nodeHolder = [];
    private readonly List<int[]> _nodeNext = [];
    private int _nodes;

    /// <summary>Distinct shingles held.</summary>
    public int Count => _shingles;

    /// <summary>
    /// Records that <paramref name="article"/> holds <paramref name="shingle"/> and counts, in <paramref name="shared"/>,
    /// every article that held it before. A shingle held by more than <paramref name="commonLimit"/> articles is
    /// boilerplate: it is neither counted nor given more holders.
    /// </summary>
    public void Hold(ulong shingle, int article, int commonLimit, SharedCounts shared)
    {
        var slot = SlotOf(shingle);
        var value = _values[slot];
        if (value == 0)
        {
            _keys[slot] = shingle;
            _values[slot] = article + 1;
            _shingles++;
            if (_shingles * 4L > _keys.Length * 3L)
            {
                Grow();
            }

            return;
        }

        if (value > 0)
        {
            var first = value - 1;
            shared.Add(first);
            var list = NewList(first);
            Append(list, article);
            _values[slot] = -(list + 1);
            return;
        }

        var holders = -value - 1;
        if (_listLength[holders] > commonLimit)
        {
            return;
        }

        for (var node = _listHead[holders]; node >= 0; node = _nodeNext[node >> ChunkBits][node & (ChunkSize - 1)])
        {
            shared.Add(_nodeHolder[node >> ChunkBits][node & (ChunkSize - 1)]);
        }

        Append(holders, article);
    }

    /// <summary>The slot that holds the shingle, or the empty slot where it goes (linear probing).</summary>
    private int SlotOf(ulong shingle)
    {
        var mask = _keys.Length - 1;

        // The sampled hashes all end in the same bits; Fibonacci hashing spreads them over the table.
        var slot = (int)((shingle * 0x9E3779B97F4A7C15UL) >> (64 - BitOperations.Log2((uint)_keys.Length)));
        while (_values[slot] != 0 && _keys[slot] != shingle)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        _keys = new ulong[keys.Length * 2];
        _values = new int[values.Length * 2];
        for (var i = 0; i < keys.Length; i++)
        {
            if (values[i] != 0)
            {
                var slot = SlotOf(keys[i]);
                _keys[slot] = keys[i];
                _values[slot] = values[i];
            }
        }
    }

    private int NewList(int first)
    {
        if (_lists == _listHead.Length)
        {
            Array.Resize(ref _listHead, _lists * 2);
            Array.Resize(ref _listLength, _lists * 2);
        }

        _listHead[_lists] = -1;
        _listLength[_lists] = 0;
        Append(_lists, first);
        return _lists++;
    }

    private void Append(int list, int holder)
    {
        if (_nodes >> ChunkBits == _nodeHolder.Count)
        {
            _nodeHolder.Add(new int[ChunkSize]);
            _nodeNext.Add(new int[ChunkSize]);
        }

        var node = _nodes++;
        _nodeHolder[node >> ChunkBits][node & (ChunkSize - 1)] = holder;
        _nodeNext[node >> ChunkBits][node & (ChunkSize - 1)] = _listHead[list];
        _listHead[list] = node;
        _listLength[list]++;
    }
}
