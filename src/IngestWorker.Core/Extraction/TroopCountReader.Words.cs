namespace IngestWorker.Core.Extraction;

/// <summary>The word lists that tell a troop figure from other numbers and mark its clause.</summary>
internal static partial class TroopCountReader
{
    /// <summary>Words that may follow a bare number of troops; anything else ("20 percent", "two phases") is not one.</summary>
    private static readonly HashSet<string> BareFollowers = new(StringComparer.Ordinal)
    {
        "in", "inside", "into", "at", "from", "to", "were", "was", "are", "is", "will", "would", "remain", "remained",
        "remaining", "stationed", "deployed", "based", "there", "currently", "still", "now", "who", "across",
        "within", ",", ".", ";", ")", "\u2014", "\u2013", "and", "by", "on", "had", "have", "has", "over", "last",
        "this", "next", "earlier", "later", "since", "after", "before", "during", "once", "when", "if", "until", "as", "following",
    };

    /// <summary>
    /// Words that open a subordinate or relative clause: a place or date after one speaks of that clause
    /// ("1,000 from the area where Turkey attacked", "30,000 remain in the country, which was invaded in 2003").
    /// </summary>
    private static readonly HashSet<string> Subordinators = new(StringComparer.Ordinal)
    {
        "where", "which", "who", "whom", "whose", "when", "while", "because", "although", "though", "whereas",
    };

    /// <summary>Verbs of saying: a cue before one speaks of the speaker, not of the figure in what was said.</summary>
    private static readonly HashSet<string> ReportingVerbs = new(StringComparer.Ordinal)
    {
        "said", "says", "say", "told", "tells", "announced", "announces", "reported", "reports", "stated", "states",
        "noted", "added", "confirmed", "confirms", "disclosed", "revealed", "acknowledged", "estimated", "estimates",
    };

    /// <summary>Verbs of a decision: a move only ordered or announced is not dated by the day of the order (claims contract).</summary>
    private static readonly HashSet<string> OrderVerbs = new(StringComparer.Ordinal)
    {
        "ordered", "orders", "directed", "authorized", "authorised", "approved", "signed", "announced", "decided", "unveiled",
    };

    /// <summary>Words that put a sentence in the future or in a plan: "leaving N" after them is what a plan leaves.</summary>
    private static readonly HashSet<string> FutureMarkers = new(StringComparer.Ordinal)
    {
        "will", "would", "'ll", "shall", "could", "might", "plan", "plans", "planned", "planning", "expected", "intends", "proposal", "proposed",
        "decided", "decides", "agreed", "ordered", "orders", "aims",
    };

    /// <summary>Determiners of a partitive: "99,000 of the troops", "2,000 of its soldiers".</summary>
    private static readonly HashSet<string> PartitiveDeterminers = new(StringComparer.Ordinal)
    {
        "the", "those", "these", "its", "their", "our", "his", "her", "all",
    };

    /// <summary>Nouns that name a body of troops before its size: "a transitional force of 35,000", "a contingent of 150".</summary>
    private static readonly HashSet<string> BodyNouns = new(StringComparer.Ordinal)
    {
        "contingent", "garrison", "presence", "deployment", "detachment",
    };

    /// <summary>Verbs in the past that tell a number reached: "rose to 2,000", "had slipped to 25,000".</summary>
    private static readonly HashSet<string> PastChangeVerbs = new(StringComparer.Ordinal)
    {
        "rose", "grew", "fell", "dropped", "climbed", "declined", "swelled", "shrank", "dwindled", "jumped", "surged", "slipped",
        "sank", "increased", "decreased", "reached", "ballooned", "plunged", "doubled", "tripled",
    };

    /// <summary>Words of a ceiling: "limited to 500", "capped at 3,100" is a most allowed, a target.</summary>
    private static readonly HashSet<string> CeilingWords = new(StringComparer.Ordinal) { "limited", "capped", "restricted", "authorized", "authorised", "allowed" };

    /// <summary>Verbs that make "by N" a reduction: "reduce its presence by 2,000".</summary>
    private static readonly HashSet<string> ReduceVerbs = new(StringComparer.Ordinal)
    {
        "reduce", "reduces", "reduced", "reducing", "cut", "cuts", "cutting", "trim", "trims", "trimmed", "trimming", "shrink",
        "shrinks", "shrank", "shrinking", "lower", "lowers", "lowered", "lowering", "decrease", "decreases", "decreased", "slash", "slashed",
    };

    /// <summary>Verbs that make "by N" an increase: "expand the force by 500".</summary>
    private static readonly HashSet<string> IncreaseVerbs = new(StringComparer.Ordinal)
    {
        "increase", "increases", "increased", "increasing", "boost", "boosts", "boosted", "boosting", "expand", "expands", "expanded",
        "expanding", "grow", "grows", "raise", "raises", "raised", "raising", "bolster", "bolstered", "augment", "augmented",
    };

    /// <summary>Areas that are not one country: a figure there is not a troop count (contract clarification).</summary>
    private static readonly HashSet<string> WideAreas = new(StringComparer.Ordinal) { "region", "gulf", "theater", "theatre" };

    private static readonly HashSet<string> LocationStops = new(StringComparer.Ordinal)
    {
        ",", ";", ":", "\u2014", "\u2013", "(", ")", ".", "where", "which", "who", "whose", "when", "while", "because",
    };

    /// <summary>How far from a figure a cue word or a place may stand and still speak of it.</summary>
    private const int Reach = 12;
}
