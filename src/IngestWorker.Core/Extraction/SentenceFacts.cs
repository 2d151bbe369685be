namespace IngestWorker.Core.Extraction;

/// <summary>
/// Everything the rules find in one sentence, computed once and shared by the troop-count and
/// base-status readers: places, times, cue words, forces, and where clauses break.
/// </summary>
internal sealed class SentenceFacts
{
    private static readonly HashSet<string> ListPrepositions = new(StringComparer.Ordinal) { "from", "at", "in", "to", "into" };

    private static readonly HashSet<string> HardBreaks = new(StringComparer.Ordinal) { ";", "(", ")", "\u2014", "\u2013", "[", "]" };

    private readonly int[] _placeAt;
    private readonly int[] _breaksBefore;

    private SentenceFacts(Sentence sentence, ExtractionRules rules, DateOnly? published, ArticleContext context)
    {
        Sentence = sentence;
        PublishedIso = published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Places = PlaceFinder.Find(sentence, rules);
        ResolvePatternCountries(context);
        Times = TimeFinder.Find(sentence, published, rules);
        KindCues = rules.Kinds.FindAll(sentence);
        Forces = rules.Forces.FindAll(sentence);
        StatusBefore = rules.StatusBefore.FindAll(sentence);
        StatusAfter = rules.StatusAfter.FindAll(sentence);
        NotTroopsBeside = Covered(rules.NotTroopsBeside.FindAll(sentence), sentence.Count);
        NotTroopsAfter = Covered(rules.NotTroopsAfter.FindAll(sentence), sentence.Count);
        HasTroopNoun = rules.TroopNouns.FindAll(sentence).Count > 0;
        HasUntilDate = Times.Any(t => t.Kind == TimeKind.Explicit && t.Start > 0 && sentence[t.Start - 1].Norm is "until" or "till");

        _placeAt = new int[sentence.Count + 1];
        Array.Fill(_placeAt, -1);
        for (var m = 0; m < Places.Count; m++)
        {
            for (var k = Places[m].Start; k < Places[m].End; k++)
            {
                _placeAt[k] = m;
            }
        }

        _breaksBefore = new int[sentence.Count + 1];
        for (var k = 0; k < sentence.Count; k++)
        {
            _breaksBefore[k + 1] = _breaksBefore[k] + (IsClauseBreak(k) ? 1 : 0);
        }
    }

    public Sentence Sentence { get; }

    /// <summary>The article's publication date as the contract writes dates, or null.</summary>
    public string? PublishedIso { get; }

    public List<PlaceMention> Places { get; }

    public List<TimeMention> Times { get; }

    public List<PhraseMatch<KindCue>> KindCues { get; }

    public List<PhraseMatch<string>> Forces { get; }

    public List<PhraseMatch<string>> StatusBefore { get; }

    public List<PhraseMatch<string>> StatusAfter { get; }

    public bool[] NotTroopsBeside { get; }

    public bool[] NotTroopsAfter { get; }

    public bool HasTroopNoun { get; }

    /// <summary>"until September 2026": troops said to remain somewhere until a date are planned to leave.</summary>
    public bool HasUntilDate { get; }

    public static SentenceFacts Of(Sentence sentence, ExtractionRules rules, DateOnly? published, ArticleContext context) =>
        new(sentence, rules, published, context);

    /// <summary>The place mention covering token <paramref name="index"/>, if any.</summary>
    public PlaceMention? PlaceAt(int index) =>
        index >= 0 && index < Sentence.Count && _placeAt[index] >= 0 ? Places[_placeAt[index]] : null;

    /// <summary>True when a clause ends between token positions <paramref name="from"/> and <paramref name="to"/>.</summary>
    public bool ClauseBreakBetween(int from, int to) =>
        from < to && _breaksBefore[Math.Min(to, Sentence.Count)] - _breaksBefore[Math.Max(from, 0)] > 0;

    /// <summary>The last real place named before token <paramref name="index"/> in this sentence.</summary>
    public Place? LastPlaceBefore(int index, bool countryOnly = false)
    {
        for (var m = Places.Count - 1; m >= 0; m--)
        {
            var mention = Places[m];
            if (mention.End <= index && mention.Place is { } place && (!countryOnly || place.Kind == PlaceKind.Country))
            {
                return place;
            }
        }

        return null;
    }

    /// <summary>
    /// A comma ends a clause unless a list of places goes on after it ("from Baghdad, Erbil and Union III");
    /// semicolons, dashes and brackets always do.
    /// </summary>
    private bool IsClauseBreak(int k)
    {
        var text = Sentence[k].Text;
        if (HardBreaks.Contains(text))
        {
            return true;
        }

        if (text != ",")
        {
            return false;
        }

        var next = k + 1;
        if (Sentence.Is(next, "and") || Sentence.Is(next, "or") || Sentence.Is(next, "plus") || Sentence.Is(next, "then"))
        {
            next++;
        }
        else if (Sentence.Is(next, "as") && Sentence.Is(next + 1, "well") && Sentence.Is(next + 2, "as"))
        {
            next += 3;
        }

        if (next < Sentence.Count && ListPrepositions.Contains(Sentence[next].Norm))
        {
            next++;
        }

        return _placeAt[Math.Min(next, Sentence.Count)] < 0;
    }

    /// <summary>A base found by its shape has no country in the gazetteer: take the country named nearest to it.</summary>
    private void ResolvePatternCountries(ArticleContext context)
    {
        for (var m = 0; m < Places.Count; m++)
        {
            if (Places[m].Place is { Country: null } pattern)
            {
                var country = Places.Where(p => p.Place is { Kind: PlaceKind.Country })
                    .OrderBy(p => Math.Abs(p.Start - Places[m].Start))
                    .Select(p => p.Place!.Name)
                    .FirstOrDefault() ?? context.LastCountry?.Name;
                Places[m] = Places[m] with { Place = pattern with { Country = country } };
            }
        }
    }

    private static bool[] Covered<T>(List<PhraseMatch<T>> matches, int count)
    {
        var covered = new bool[count + 1];
        foreach (var match in matches)
        {
            for (var k = match.Start; k < match.End; k++)
            {
                covered[k] = true;
            }
        }

        return covered;
    }
}
