namespace IngestWorker.Core.Extraction;

/// <summary>Where a troop figure is and whose force it is.</summary>
internal static partial class TroopCountReader
{
    /// <summary>
    /// "shift about 1,000 troops leaving Syria into western Iraq", "move 500 troops from Syria to Iraq":
    /// a figure moved out of one country into another, said with a verb of moving.
    /// </summary>
    private static (Place From, Place To)? MoveBetweenCountries(SentenceFacts facts, Figure figure)
    {
        var sentence = facts.Sentence;
        var moving = false;
        for (var k = Math.Max(0, figure.BoundStart - 4); k < figure.BoundStart; k++)
        {
            moving |= sentence[k].Norm is "shift" or "shifting" or "shifted" or "move" or "moving" or "moved" or "relocate" or "relocating"
                or "relocated" or "redeploy" or "redeploying" or "redeployed" or "transfer" or "transferring" or "transferred" or "reposition"
                or "repositioning" or "repositioned";
        }

        if (!moving)
        {
            return null;
        }

        Place? origin = null;
        for (var j = figure.NounEnd; j < Math.Min(sentence.Count, figure.NounEnd + Reach); j++)
        {
            if (facts.PlaceAt(j) is not { Place: { Country: not null } place } mention)
            {
                if (LocationStops.Contains(sentence[j].Text))
                {
                    break;
                }

                continue;
            }

            var before = sentence[Math.Max(0, mention.Start - 1)].Norm;
            var beforeTwo = sentence[Math.Max(0, mention.Start - 2)].Norm;
            var outOf = before is "from" or "leaving" || (before == "of" && beforeTwo == "out") || beforeTwo is "from" or "leaving";
            var into = before is "to" or "into" || beforeTwo is "to" or "into";
            if (origin is null && outOf)
            {
                origin = place;
            }
            else if (origin is not null && into && place.Country != origin.Country)
            {
                return (origin, place);
            }

            j = mention.End - 1;
        }

        return null;
    }

    /// <summary>
    /// Where the troops are: the first place after the figure in its clause ("in Iraq", "there"), else the
    /// last place named before it in the sentence, else the last place named earlier in the article.
    /// </summary>
    private static (Place? Place, bool Named) Location(SentenceFacts facts, ArticleContext context, Figure figure)
    {
        var inSentence = LocationInSentence(facts, context, figure);
        if (inSentence is not null)
        {
            return (inSentence, true);
        }

        // "arriving in the region ... could top 250,000": a sentence about a wide area names no country.
        if (SpeaksOfWideArea(facts.Sentence, figure.ScopeEnd))
        {
            return (null, false);
        }

        // Only a place named lately: a sentence that digresses ("advisers grew to 500,000 troops in the
        // Vietnam years") must not land on a country named paragraphs before.
        return (context.RecentPlace, false);
    }

    /// <summary>
    /// A figure several countries share: with "each" and a list of countries before it ("in both Iraq and
    /// Afghanistan ... each country was down to 2,500") the countries of the list; with no "each", a figure of
    /// "these countries" or "in Iraq and Syria" belongs to none of them alone (empty). Null for a figure of one place.
    /// </summary>
    private static List<Place>? SharedByCountries(SentenceFacts facts, Figure figure)
    {
        var sentence = facts.Sentence;
        var each = sentence.Is(figure.NounEnd, "each");
        var countriesWord = false;
        for (var k = Math.Max(0, figure.BoundStart - 6); k < figure.BoundStart; k++)
        {
            each |= sentence.Is(k, "each");
        }

        // "these countries host 6,000"; "6,000 deployed across 12 countries". Not "drawn from seven countries"
        // (where they come from) nor "the war that went through the two countries" (another verb's).
        for (var k = Math.Max(0, figure.BoundStart - 8); k < Math.Min(figure.ScopeEnd, figure.NounEnd + 6); k++)
        {
            if (sentence.Is(k, "countries") && !sentence.Is(k - 2, "from") && !sentence.Is(k - 3, "from")
                && (k < figure.BoundStart ? !facts.ClauseBreakBetween(k, figure.BoundStart) : LocativeBetween(sentence, figure.NounEnd, k)))
            {
                countriesWord = true;
            }
        }

        var listed = CountryListBefore(facts, figure.BoundStart);
        if (each)
        {
            return listed.Count >= 2 ? listed : null;
        }

        if (countriesWord)
        {
            return [];
        }

        // "5,000 deployed on the ground in Iraq and Syria".
        return FirstPlaceInClause(facts, figure) is { Place.Kind: PlaceKind.Country } mention
            && sentence[Math.Min(mention.End, sentence.Count - 1)].Norm is "and" or "or"
            && facts.PlaceAt(mention.End + 1) is { Place: { Kind: PlaceKind.Country } }
            ? []
            : null;
    }

    private static bool LocativeBetween(Sentence sentence, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (sentence[k].Norm is "in" or "across" or "among" or "throughout")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first place after the figure before its clause ends, if any.</summary>
    private static PlaceMention? FirstPlaceInClause(SentenceFacts facts, Figure figure)
    {
        for (var j = figure.NounEnd; j < Math.Min(facts.Sentence.Count, figure.NounEnd + Reach); j++)
        {
            if (LocationStops.Contains(facts.Sentence[j].Norm))
            {
                return null;
            }

            if (facts.PlaceAt(j) is { Place: not null } mention)
            {
                return mention;
            }
        }

        return null;
    }

    /// <summary>The countries of the last "A and B" (or "A, B and C") list before the index.</summary>
    private static List<Place> CountryListBefore(SentenceFacts facts, int index)
    {
        var listed = new List<Place>();
        var nextStart = -1;
        for (var m = facts.Places.Count - 1; m >= 0; m--)
        {
            var mention = facts.Places[m];
            if (mention.End > index || mention.Place is not { Kind: PlaceKind.Country } country)
            {
                continue;
            }

            var joined = listed.Count == 0 || (nextStart - mention.End == 1 && facts.Sentence[mention.End].Norm is "and" or ",");
            if (!joined)
            {
                break;
            }

            listed.Insert(0, country);
            nextStart = mention.Start;
        }

        return listed;
    }

    /// <summary>"limited to 500", "forces authorized there to 4,647": a ceiling, so a target at most.</summary>
    private static bool IsCeiling(SentenceFacts facts, Figure figure)
    {
        var sentence = facts.Sentence;
        for (var k = Math.Max(0, figure.BoundStart - 4); k < figure.BoundStart; k++)
        {
            if (CeilingWords.Contains(sentence[k].Norm) && !facts.ClauseBreakBetween(k, figure.BoundStart))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"the region", "the Gulf" before the figure or in its own clause.</summary>
    private static bool SpeaksOfWideArea(Sentence sentence, int end)
    {
        for (var k = 1; k < end; k++)
        {
            // "in the area" is wide too; "out of the area close to ..." names a local one.
            if (sentence.Is(k - 1, "the") && (WideAreas.Contains(sentence[k].Norm) || (sentence.Is(k, "middle") && sentence.Is(k + 1, "east"))
                || (sentence.Is(k, "area") && sentence.Is(k - 2, "in"))))
            {
                return true;
            }

            // "7,500 troops from 70 countries": a force drawn from many nations is counted nowhere in particular.
            if (k >= 2 && sentence.Is(k - 2, "from") && sentence[k - 1].IsNumber && sentence[k].Norm is "countries" or "nations")
            {
                return true;
            }
        }

        return false;
    }

    private static Place? LocationInSentence(SentenceFacts facts, ArticleContext context, Figure figure)
    {
        var sentence = facts.Sentence;
        for (var j = figure.NounEnd; j < Math.Min(sentence.Count, figure.NounEnd + Reach); j++)
        {
            if (LocationStops.Contains(sentence[j].Norm))
            {
                break;
            }

            if (facts.PlaceAt(j) is { Place: { } place } mention)
            {
                return FinerPlaceAfterPossessive(facts, mention) ?? place;
            }

            if (sentence[j].Norm == "there")
            {
                return facts.LastPlaceBefore(j) ?? context.LastPlace;
            }

            if (sentence[j].Norm == "the" && sentence.Is(j + 1, "country"))
            {
                return facts.LastPlaceBefore(j, countryOnly: true) ?? context.LastCountry;
            }
        }

        return facts.LastPlaceBefore(figure.BoundStart) ?? CountryOfParticipleClause(facts, figure.ScopeEnd);
    }

    /// <summary>
    /// "withdraw 500 troops, leaving fewer than 1,500 in Syria": with no place before it, a figure speaks of
    /// the country named in the participle clause that carries its move on; no other later clause.
    /// </summary>
    private static Place? CountryOfParticipleClause(SentenceFacts facts, int scopeEnd)
    {
        var sentence = facts.Sentence;
        var start = scopeEnd + 1;
        if (!sentence.Is(scopeEnd, ",") || start >= sentence.Count || !sentence[start].Norm.EndsWith("ing", StringComparison.Ordinal)
            || sentence.Is(start, "including"))
        {
            return null;
        }

        for (var j = start; j < Math.Min(sentence.Count, start + Reach); j++)
        {
            if (LocationStops.Contains(sentence[j].Norm))
            {
                return null;
            }

            if (facts.PlaceAt(j) is { Place: { Kind: PlaceKind.Country } country })
            {
                return country;
            }
        }

        return null;
    }

    /// <summary>"Iraq's Kurdistan region": the country is named only to place the region.</summary>
    private static Place? FinerPlaceAfterPossessive(SentenceFacts facts, PlaceMention mention) =>
        mention.Place is { Kind: PlaceKind.Country } country && facts.Sentence.Is(mention.End, "'s")
        && facts.PlaceAt(mention.End + 1) is { Place: { } finer } && finer.Country == country.Name
            ? finer
            : null;

    private static string? NearestForceBefore(SentenceFacts facts, int index)
    {
        for (var f = facts.Forces.Count - 1; f >= 0; f--)
        {
            if (facts.Forces[f].End <= index)
            {
                return facts.Forces[f].Value;
            }
        }

        return null;
    }

    private static void CountForceMentions(SentenceFacts facts, ExtractionRules rules, ArticleContext context)
    {
        foreach (var force in facts.Forces)
        {
            if (rules.TroopNouns.TryMatch(facts.Sentence, force.End, out _))
            {
                if (force.Value == "Coalition")
                {
                    context.CoalitionTroopMentions++;
                }
                else
                {
                    context.UsTroopMentions++;
                }
            }
        }
    }
}
