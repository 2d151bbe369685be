namespace IngestWorker.Core.Extraction;

/// <summary>
/// What the extractor remembers from earlier sentences of the same article: the place named last
/// (for "there", "the country"), recent bases (for "the base"), and which force the article is about.
/// </summary>
internal sealed class ArticleContext
{
    /// <summary>"the base" may speak of a base named this many sentences back, no further.</summary>
    private const int ReferenceReach = 2;

    /// <summary>How many of the bases named last "the base" may speak of.</summary>
    private const int RecentBasesKept = 8;

    private readonly List<(int Sentence, Place Base)> _recentBases = [];

    private int _lastPlaceSentence = int.MinValue / 2;

    public int SentenceIndex { get; private set; }

    public Place? LastPlace { get; private set; }

    /// <summary>
    /// The place named last, if within the last two sentences: a figure in a sentence naming no place is
    /// placed there, but not one that follows a digression ("... when advisers grew to 500,000 troops").
    /// </summary>
    public Place? RecentPlace => SentenceIndex - _lastPlaceSentence <= 2 ? LastPlace : null;

    /// <summary>
    /// What "there" names as a site: the base named in the sentence that named a place last ("Incirlik Air
    /// Base lies in southern Turkey. 1,500 airmen are based there."), else that place.
    /// </summary>
    public Place? RecentSite =>
        RecentPlace is null ? null
        : _recentBases.Count > 0 && _recentBases[^1].Sentence == _lastPlaceSentence ? _recentBases[^1].Base
        : RecentPlace;

    /// <summary>"About 2,000 are there now" borrows its noun from the sentence before.</summary>
    public bool PreviousSentenceHadTroopNoun { get; private set; }

    public Place? LastCountry { get; private set; }

    /// <summary>Sites counted by the sentence just read and not named yet ("shutting down three of its bases").</summary>
    public SiteGroup? PendingGroup { get; set; }

    public int UsTroopMentions { get; set; }

    public int CoalitionTroopMentions { get; set; }

    /// <summary>US unless the article speaks of coalition troops more than of US troops.</summary>
    public string DefaultForce => CoalitionTroopMentions > UsTroopMentions ? "Coalition" : "US";

    /// <summary>
    /// The installation a reference at <paramref name="index"/> speaks of: named earlier in the sentence or just
    /// before; with <paramref name="within"/> ("the Anbar base"), the last one named that lies there.
    /// </summary>
    public Place? ResolveReference(SentenceFacts facts, int index, Place? within = null)
    {
        for (var m = facts.Places.Count - 1; m >= 0; m--)
        {
            if (facts.Places[m].End <= index && facts.Places[m].Place is { Kind: PlaceKind.Base } named && (within is null || named.LiesWithin(within)))
            {
                return named;
            }
        }

        for (var b = _recentBases.Count - 1; b >= Math.Max(0, _recentBases.Count - RecentBasesKept); b--)
        {
            if (SentenceIndex - _recentBases[b].Sentence <= ReferenceReach && (within is null || _recentBases[b].Base.LiesWithin(within)))
            {
                return _recentBases[b].Base;
            }
        }

        return null;
    }

    /// <summary>Moves on past a sentence, remembering the places it named.</summary>
    public void Advance(SentenceFacts facts)
    {
        foreach (var mention in facts.Places)
        {
            // "the base" keeps the base it speaks of in mind: a report may go on about it for several sentences.
            if (mention is { IsReference: true, Place: null } && ResolveReference(facts, mention.Start) is { } referred)
            {
                RememberBase(referred);
                continue;
            }

            if (mention.Place is not { } place)
            {
                continue;
            }

            LastPlace = place;
            _lastPlaceSentence = SentenceIndex;
            if (place.Kind == PlaceKind.Country)
            {
                LastCountry = place;
            }

            if (place.Kind == PlaceKind.Base)
            {
                RememberBase(place);
            }
        }

        PreviousSentenceHadTroopNoun = facts.HasTroopNoun;
        SentenceIndex++;
    }

    private void RememberBase(Place place)
    {
        _recentBases.Add((SentenceIndex, place));

        // Only the last few count; the older ones are dropped in a batch, not one shift of the list per base named.
        if (_recentBases.Count >= RecentBasesKept * 8)
        {
            _recentBases.RemoveRange(0, _recentBases.Count - RecentBasesKept);
        }
    }
}
