using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace IngestWorker.Core.Syndication;

/// <summary>
/// A body as a set of hashed word shingles (three words in a row, case and punctuation ignored). Only
/// shingles whose hash falls in one residue class are kept: a fixed sample that two copies of one text
/// share in the same proportion as their whole shingle sets, at a quarter of the memory.
/// </summary>
/// <remarks>
/// The hashes are taken straight from the body's characters: no string per word and no list of words, so
/// sampling a body allocates nothing once the caller's list has grown (that garbage was most of what the
/// first build of the syndication index allocated, a gigabyte at 10,000 articles).
/// </remarks>
public static class Shingles
{
    public const int Words = 3;

    /// <summary>One shingle in this many is kept.</summary>
    public const int SampleModulus = 4;

    public static IReadOnlySet<ulong> Sampled(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var sampled = new List<ulong>();
        Sample(body, sampled);
        return sampled.ToHashSet();
    }

    /// <summary>Puts the body's distinct sampled shingles into <paramref name="into"/> (cleared first), in ascending order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sample(ReadOnlySpan<char> body, List<ulong> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();

        // The last three words seen, as (start, length) in the body; slot w % Words holds word w.
        Span<int> starts = stackalloc int[Words];
        Span<int> lengths = stackalloc int[Words];
        var seen = 0;
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
                starts[seen % Words] = start;
                lengths[seen % Words] = i - start;
                seen++;
                start = -1;
                if (seen >= Words)
                {
                    var hash = Hash(body, starts, lengths, seen - Words);
                    if (hash % SampleModulus == 0)
                    {
                        into.Add(hash);
                    }
                }
            }
        }

        // A shingle that recurs in the body counts once, as in a set.
        var span = CollectionsMarshal.AsSpan(into);
        span.Sort();
        var distinct = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (distinct == 0 || span[i] != span[distinct - 1])
            {
                span[distinct++] = span[i];
            }
        }

        CollectionsMarshal.SetCount(into, distinct);
    }

    /// <summary>
    /// FNV-1a over the shingle's lower-cased words with a separator: stable across runs and machines, unlike
    /// string.GetHashCode. Lower-casing char by char gives what lower-casing the word would: a word holds
    /// letters and digits only, never half of a surrogate pair, and invariant lower-casing keeps the length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong Hash(ReadOnlySpan<char> body, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, int first)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        for (var w = first; w < first + Words; w++)
        {
            foreach (var c in body.Slice(starts[w % Words], lengths[w % Words]))
            {
                hash = (hash ^ char.ToLowerInvariant(c)) * prime;
            }

            hash = (hash ^ ' ') * prime;
        }

        // FNV's low bits are weak; fold the high half in before the residue test samples them.
        return hash ^ (hash >> 29);
    }
}
