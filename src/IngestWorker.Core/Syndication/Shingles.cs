namespace IngestWorker.Syndication;

/// <summary>
/// A body as a set of hashed word shingles (three words in a row, case and punctuation ignored). Only
/// shingles whose hash falls in one residue class are kept: a fixed sample that two copies of one text
/// share in the same proportion as their whole shingle sets, at a quarter of the memory.
/// </summary>
public static class Shingles
{
    public const int Words = 3;

    /// <summary>One shingle in this many is kept.</summary>
    public const int SampleModulus = 4;

    public static IReadOnlySet<ulong> Sampled(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var words = WordsOf(body);
        var sampled = new HashSet<ulong>();
        for (var i = 0; i + Words <= words.Count; i++)
        {
            var hash = Hash(words, i);
            if (hash % SampleModulus == 0)
            {
                sampled.Add(hash);
            }
        }

        return sampled;
    }

    private static List<string> WordsOf(string body)
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

        return words;
    }

    /// <summary>FNV-1a over the shingle's words with a separator: stable across runs and machines, unlike string.GetHashCode.</summary>
    private static ulong Hash(List<string> words, int first)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        for (var w = first; w < first + Words; w++)
        {
            foreach (var c in words[w])
            {
                hash = (hash ^ c) * prime;
            }

            hash = (hash ^ ' ') * prime;
        }

        // FNV's low bits are weak; fold the high half in before the residue test samples them.
        return hash ^ (hash >> 29);
    }
}
