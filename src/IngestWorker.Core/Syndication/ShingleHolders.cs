using System.Numerics;
using System.Runtime.CompilerServices;

namespace IngestWorker.Core.Syndication;

/// <summary>
/// Which articles hold each sampled shingle: the inverted index of <see cref="SyndicationIndex"/>, in flat arrays.
/// </summary>
/// <remarks>
/// At 10,000 articles there are about 630,000 distinct sampled shingles, two in three held by one article
/// only. Held in a <c>Dictionary&lt;ulong, int&gt;</c> beside a <c>Dictionary&lt;ulong, List&lt;int&gt;&gt;</c>
/// they took 46 MB (entries, buckets, a list object and an array per shared shingle). Here a shingle is one
/// slot of an open-addressing table, 12 bytes: its key and one int that is either its only holder or the
/// number of its list of holders; a list is a chain of 8-byte nodes: 22.7 MB at those 10,000. The table is cut
/// into shards by the hash's top bits, each growing on its own: a growth copies one shard, not the whole
/// table, and at these sizes every array stays in the small object heap.
/// <para>
/// The methods run per shingle (here and in the types they use) are optimised from their first call: the
/// worker builds the index as it starts, while tiered compilation is busy with start-up and would leave
/// them at tier 0, uninlined, for seconds (at 10,000 articles the build at start took 8 s with them tiered,
/// 4.2 s optimised; 2 s in a process that runs nothing else).
/// </para>
/// </remarks>
internal sealed class ShingleHolders
{
    private const int ShardBits = 8;
    private const int FirstShardSlots = 64;

    // A slot's value: 0 empty, h + 1 for the one holder h, -(l + 1) for the list l of two or more.
    private readonly ulong[][] _keys = new ulong[1 << ShardBits][];
    private readonly int[][] _values = new int[1 << ShardBits][];
    private readonly int[] _held = new int[1 << ShardBits];

    // List l: its newest node and its length.
    private readonly IntChunks _listHead = new();
    private readonly IntChunks _listLength = new();

    // Node n: a holder and the node after it in its list (-1 at the end).
    private readonly IntChunks _nodeHolder = new();
    private readonly IntChunks _nodeNext = new();

    public ShingleHolders()
    {
        for (var shard = 0; shard < _keys.Length; shard++)
        {
            _keys[shard] = new ulong[FirstShardSlots];
            _values[shard] = new int[FirstShardSlots];
        }
    }

    /// <summary>Distinct shingles held.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Records that <paramref name="article"/> holds <paramref name="shingle"/> and counts, in <paramref name="shared"/>,
    /// every article that held it before. A shingle held by more than <paramref name="commonLimit"/> articles is
    /// boilerplate: it is neither counted nor given more holders.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Hold(ulong shingle, int article, int commonLimit, SharedCounts shared)
    {
        // The sampled hashes all end in the same bits; Fibonacci hashing spreads them over shards and slots.
        var mixed = shingle * 0x9E3779B97F4A7C15UL;
        var shard = (int)(mixed >> (64 - ShardBits));
        var slot = SlotOf(_keys[shard], _values[shard], shingle, mixed);
        var value = _values[shard][slot];
        if (value == 0)
        {
            _keys[shard][slot] = shingle;
            _values[shard][slot] = article + 1;
            Count++;
            if (++_held[shard] * 4L > _keys[shard].Length * 3L)
            {
                Grow(shard);
            }

            return;
        }

        if (value > 0)
        {
            var first = value - 1;
            shared.Add(first);
            var list = _listHead.Add(-1);
            _listLength.Add(0);
            Append(list, first);
            Append(list, article);
            _values[shard][slot] = -(list + 1);
            return;
        }

        var holders = -value - 1;
        if (_listLength[holders] > commonLimit)
        {
            return;
        }

        for (var node = _listHead[holders]; node >= 0; node = _nodeNext[node])
        {
            shared.Add(_nodeHolder[node]);
        }

        Append(holders, article);
    }

    /// <summary>The slot of a shard that holds the shingle, or the empty slot where it goes (linear probing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SlotOf(ulong[] keys, int[] values, ulong shingle, ulong mixed)
    {
        var mask = keys.Length - 1;

        // The bits after the shard's: the top ones chose the shard, and are the same for all its shingles.
        var slot = (int)((mixed << ShardBits) >> (64 - BitOperations.Log2((uint)keys.Length)));
        while (values[slot] != 0 && keys[slot] != shingle)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Grow(int shard)
    {
        var keys = _keys[shard];
        var values = _values[shard];
        var grownKeys = new ulong[keys.Length * 2];
        var grownValues = new int[values.Length * 2];
        for (var i = 0; i < keys.Length; i++)
        {
            if (values[i] != 0)
            {
                var slot = SlotOf(grownKeys, grownValues, keys[i], keys[i] * 0x9E3779B97F4A7C15UL);
                grownKeys[slot] = keys[i];
                grownValues[slot] = values[i];
            }
        }

        _keys[shard] = grownKeys;
        _values[shard] = grownValues;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(int list, int holder)
    {
        var node = _nodeHolder.Add(holder);
        _nodeNext.Add(_listHead[list]);
        _listHead[list] = node;
        _listLength[list]++;
    }
}
