namespace IngestWorker.Core.Extraction;

/// <summary>
/// Everything the rules find in one sentence, computed once and shared by the troop-count and
/// base-status readers: places, times, cue words, forces, and where clauses break.
/// </summary>
internal sealed class SentenceFacts
{
    private static readonly HashSet<string> ListPrepositions = new(StringComparer.Ordinal) { "from", "at", "in", "to", "into" };

    private static readonly HashSet<string> HardBreaks = new(StringComparer.Ordinal) { ";", "(", ")", "\u2014", "\u2013", "[", "]" };

    private readonly bool[]? _notTroopsBeside;
    private readonly bool[]? _notTroopsAfter;
    [ThreadStatic]
    private static (DateOnly Date, string Iso)? _lastIso;

    private readonly int[]? _placeAt;
    private readonly int[]? _breaksBefore;

    private SentenceFacts(Sentence sentence, ExtractionRules rules, DateOnly? published, ArticleContext context)
    {
        Sentence = sentence;
        PublishedIso = IsoOf(published);
        Places = PlaceFinder.Find(sentence, rules);
        ResolvePatternCountries(context);
        Times = TimeFinder.Find(sentence, published, rules);
        KindCues = rules.Kinds.FindAll(sentence);
        Forces = rules.Forces.FindAll(sentence);
        StatusBefore = rules.StatusBefore.FindAll(sentence);
        StatusAfter = rules.StatusAfter.FindAll(sentence);
        _notTroopsBeside = Covered(rules.NotTroopsBeside.FindAll(sentence), sentence.Count);
        _notTroopsAfter = Covered(rules.NotTroopsAfter.FindAll(sentence), sentence.Count);
        HasTroopNoun = rules.TroopNouns.AnyIn(sentence);
        foreach (var time in Times)
        {
            HasUntilDate |= time.Kind == TimeKind.Explicit && time.Start > 0 && sentence[time.Start - 1].Norm is "until" or "till";
        }

        // Most sentences name no place, or have no clause break: they need no table for it.
        if (Places.Count > 0)
        {
            _placeAt = new int[sentence.Count + 1];
            Array.Fill(_placeAt, -1);
            for (var m = 0; m < Places.Count; m++)
            {
                for (var k = Places[m].Start; k < Places[m].End; k++)
                {
                    _placeAt[k] = m;
                }
            }
        }

        for (var k = 0; k < sentence.Count; k++)
        {
            var isBreak = IsClauseBreak(k);
            if (isBreak || _breaksBefore is not null)
            {
                _breaksBefore ??= new int[sentence.Count + 1];
                _breaksBefore[k + 1] = _breaksBefore[k] + (isBreak ? 1 : 0);
            }
        }
    }

    /// <summary>The published date as the contract writes it, made once for all the sentences of an article.</summary>
    private static string? IsoOf(DateOnly? published)
    {
        if (published is not { } date)
        {
            return null;
        }

        if (_lastIso is { } last && last.Date == date)
        {
            return last.Iso;
        }

        var iso = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        _lastIso = (date, iso);
        return iso;
    }

    public Sentence Sentence { get; }

    /// <summary>The article's publication date as the contract writes dates, or null.</summary>
    public string? PublishedIso { get; }

    public List<PlaceMention> Places { get; }

    public List<TimeMention> Times { get; }

    public List<PhraseMatch<KindCue>> KindCues { get; }

    public List<PhraseMatch<string>> Forces { get; }

    public List<PhraseMatch<SiteStatus>> StatusBefore { get; }

    public List<PhraseMatch<SiteStatus>> StatusAfter { get; }

    /// <summary>Whether token <paramref name="index"/> is part of a "not troops" word that stands beside a number.</summary>
    public bool NotTroopsBeside(int index) => _notTroopsBeside is { } covered && index >= 0 && index < covered.Length && covered[index];

    /// <summary>Whether token <paramref name="index"/> is part of a "not troops" word that follows a figure.</summary>
    public bool NotTroopsAfter(int index) => _notTroopsAfter is { } covered && index >= 0 && index < covered.Length && covered[index];

    public bool HasTroopNoun { get; }

    /// <summary>"until September 2026": troops said to remain somewhere until a date are planned to leave.</summary>
    public bool HasUntilDate { get; }

    public static SentenceFacts Of(Sentence sentence, ExtractionRules rules, DateOnly? published, ArticleContext context) =>
        new(sentence, rules, published, context);

    /// <summary>The place mention covering token <paramref name="index"/>, if any.</summary>
    public PlaceMention? PlaceAt(int index) =>
        _placeAt is { } placeAt && index >= 0 && index < Sentence.Count && placeAt[index] >= 0 ? Places[placeAt[index]] : null;

    /// <summary>True when a clause ends between token positions <paramref name="from"/> and <paramref name="to"/>.</summary>
    public bool ClauseBreakBetween(int from, int to) =>
        from < to && _breaksBefore is { } breaks && breaks[Math.Min(to, Sentence.Count)] - breaks[Math.Max(from, 0)] > 0;

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

        return _placeAt is null || _placeAt[Math.Min(next, Sentence.Count)] < 0;
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

    /// <summary>Which tokens the matches cover; null when there are none, as in most sentences.</summary>
    private static bool[]? Covered<T>(List<PhraseMatch<T>> matches, int count)
    {
        if (matches.Count == 0)
        {
            return null;
        }

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
