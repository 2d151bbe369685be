namespace IngestWorker.Core.Extraction;

/// <summary>
/// Which phrase lists of one set of rules have a phrase opening with a given word, one bit per list. A
/// sentence looks each of its words up here once (<see cref="Sentence.MayOpenPhrase"/>), so a list asked
/// about a word that opens none of its phrases answers without hashing the word again: most words of a
/// sentence open no phrase of most lists, and sixteen lists each hashing every word was the extractor's
/// largest cost. Filled while the rules are read; only read after that, so threads may share it.
/// </summary>
internal sealed class FirstWordTable
{
    private readonly Dictionary<string, ulong> _lists = new(StringComparer.Ordinal);
    private int _registered;

    /// <summary>The bit of a new phrase list; 0 (never filtered) once every bit is taken.</summary>
    public ulong Register()
    {
        var bit = _registered < 64 ? 1UL << _registered : 0;
        _registered++;
        return bit;
    }

    /// <summary>Notes that the list of <paramref name="bit"/> has a phrase opening with <paramref name="word"/>.</summary>
    public void Add(string word, ulong bit) =>
        _lists[word] = _lists.GetValueOrDefault(word) | bit;

    /// <summary>The lists with a phrase opening with <paramref name="word"/>, one bit each.</summary>
    public ulong ListsOpenedBy(string word) => _lists.GetValueOrDefault(word);
}
