using System.Runtime.CompilerServices;

namespace IngestWorker.Core.Syndication;

/// <summary>
/// A list of ints in fixed chunks of 16,384 (64 KB): growing it never copies what it holds nor leaves the old
/// array behind as garbage, and each chunk stays in the small object heap, which the GC compacts (a doubling
/// array of a million ints moves through the large object heap and leaves holes there).
/// </summary>
internal sealed class IntChunks
{
    private const int ChunkBits = 14;
    private const int ChunkMask = (1 << ChunkBits) - 1;
    private readonly List<int[]> _chunks = [];

    public int Count { get; private set; }

    public int this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get => _chunks[index >> ChunkBits][index & ChunkMask];
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        set => _chunks[index >> ChunkBits][index & ChunkMask] = value;
    }

    /// <summary>Appends a value and returns its index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Add(int value)
    {
        if (Count >> ChunkBits == _chunks.Count)
        {
            _chunks.Add(new int[1 << ChunkBits]);
        }

        this[Count] = value;
        return Count++;
    }
}
