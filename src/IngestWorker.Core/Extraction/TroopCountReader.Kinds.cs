namespace IngestWorker.Core.Extraction;

/// <summary>The kind of a troop figure (level, target, increase, reduction) from the cues around it.</summary>
internal static partial class TroopCountReader
{
    /// <summary>
    /// The kind the nearest cue gives. A cue right before the figure wins outright; "to" right before it
    /// ("reduce ... to 2,000") makes a target; with no cue near, a figure is a level.
    /// </summary>
    private static (TroopKind Kind, bool Past) KindOf(SentenceFacts facts, ExtractionRules rules, Figure figure, TroopKind? previousKind)
    {
        if (figure.PairTarget)
        {
            return (TroopKind.Target, false);
        }

        if (KindOfFrame(facts, figure) is { } framed)
        {
            return (framed, false);
        }

        var sentence = facts.Sentence;
        PhraseMatch<KindCue>? best = null;
        PhraseMatch<KindCue>? inside = null;
        var bestDistance = int.MaxValue;
        var bestWeak = true;
        foreach (var cue in facts.KindCues)
        {
            // A cue in another clause speaks of another verb: "2,000 troops are now in Syria, after the Pentagon sent ...".
            if (facts.ClauseBreakBetween(cue.End, figure.BoundStart) || facts.ClauseBreakBetween(figure.NounEnd, cue.Start)
                || (cue.End <= figure.BoundStart && ReportingVerbBetween(sentence, cue.End, figure.BoundStart)))
            {
                continue;
            }

            int distance;
            if (cue.End <= figure.BoundStart)
            {
                distance = figure.BoundStart - cue.End;
            }
            else if (cue.Start >= figure.NounEnd)
            {
                distance = cue.Start - figure.NounEnd + 1;
            }
            else
            {
                // "up to 1,500 additional troops": a cue inside the figure itself says the most.
                distance = 0;
            }

            // "withdraw an additional 1,000": an adjective ("additional", "extra") says more of the same verb;
            // it gives the kind only when no verb does.
            var weak = rules.TroopModifiers.TryMatch(sentence, cue.End - 1, out _);
            if (weak && distance == 0)
            {
                inside = cue;
            }

            if (distance <= Reach && (best is null || (bestWeak && !weak) || (weak == bestWeak && distance < bestDistance)))
            {
                (best, bestDistance, bestWeak) = (cue, distance, weak);
            }
        }

        // "drawn from the 1,500 additional troops that ... would dispatch": "additional" inside the figure says
        // more than a verb of being near it.
        if (inside is not null && best is { } strong && strong.Value.Kind == TroopKind.Level)
        {
            (best, bestDistance) = (inside, 0);
        }

        // A cue that ends in "to" ("down to", "fell to") is read with the verb before it, as a bare "to" is.
        var cueEndsInTo = bestDistance == 0 && best is { } toCue && toCue.End == figure.BoundStart && sentence.Is(toCue.End - 1, "to");
        if ((bestDistance > 0 || cueEndsInTo) && ToBefore(sentence, figure.BoundStart) is { } to && !sentence.Is(to - 1, "host") && !sentence.Is(to - 1, "home"))
        {
            return KindBeforeTo(sentence, to);
        }

        // "ordered the bulk of the roughly 1,000 troops in Syria to withdraw": the move is of a part; the figure
        // is the whole that was there.
        if (IsWholeOfAPart(sentence, figure.BoundStart))
        {
            return (TroopKind.Level, PastBefore(sentence, figure.BoundStart));
        }

        if (best is not { } chosen)
        {
            // "roughly 200 more troops will head to Syria": more of them, arriving.
            if (HasWordInside(sentence, figure, "more"))
            {
                return (TroopKind.Increase, false);
            }

            // "750 were sent to Kuwait, and another 4,000 are expected to follow": more of the same kind.
            if (figure.Follows && previousKind is not null)
            {
                return (previousKind.Value, false);
            }

            // "Of that number, 200 will stay on": a figure whose own verb is in the future is what a plan keeps.
            return (sentence[Math.Min(figure.NounEnd, sentence.Count - 1)].Norm is "will" or "would" ? TroopKind.Target : TroopKind.Level, false);
        }

        // "has pulled out of Iraq, leaving 56,000": what a finished move leaves is a level; only a plan's is a target.
        if (chosen.Value.Kind == TroopKind.Target && sentence[chosen.Start].Norm == "leaving" && !FutureBefore(sentence, chosen.Start))
        {
            return (TroopKind.Level, false);
        }

        // "would leave 2,000 behind" is what a plan keeps; "2,000 troops would leave" is who goes.
        if (chosen.Value.Kind == TroopKind.Target && chosen.Start >= figure.NounEnd && sentence[chosen.End - 1].Norm is "leave" or "leaving" or "leaves")
        {
            return (TroopKind.Reduction, false);
        }

        return (chosen.Value.Kind, chosen.Value.Past);
    }

    /// <summary>
    /// What "to" before a figure says: "was raised to 2,000", "rose to", "was down to" tell a level reached;
    /// "was limited to 500" and "will be cut to 2,000", "shrink ... to one base and fewer than 1,000" a target.
    /// </summary>
    private static (TroopKind Kind, bool Past) KindBeforeTo(Sentence sentence, int to)
    {
        var verb = to - 1;
        if (verb < 1)
        {
            return (TroopKind.Target, false);
        }

        var word = sentence[verb].Norm;
        var before = sentence[verb - 1].Norm;
        if (CeilingWords.Contains(word))
        {
            return (TroopKind.Target, false);
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && before is "was" or "were" or "been")
        {
            return (TroopKind.Level, before != "been" || sentence.Is(verb - 2, "had"));
        }

        if (PastChangeVerbs.Contains(word) && !(before is "will" or "would" or "to" or "could" or "may" or "might"))
        {
            return (TroopKind.Level, true);
        }

        // "each country was down to 2,500", "is down to 900": a level, now or then.
        if (word == "down" && before is "was" or "were" or "is" or "are")
        {
            return (TroopKind.Level, before is "was" or "were");
        }

        return (TroopKind.Target, false);
    }

    /// <summary>
    /// Kinds said by a frame rather than a cue word: "reduce its presence in Iraq by more than 2,000" is a
    /// reduction, "expand ... by 500" an increase; "will be about 3,550" a target.
    /// </summary>
    private static TroopKind? KindOfFrame(SentenceFacts facts, Figure figure)
    {
        var sentence = facts.Sentence;
        var start = figure.BoundStart;
        if (sentence.Is(start - 1, "be") && sentence[Math.Max(0, start - 2)].Norm is "will" or "would")
        {
            return TroopKind.Target;
        }

        if (!sentence.Is(start - 1, "by"))
        {
            return null;
        }

        for (var k = start - 2; k >= Math.Max(0, start - 9) && !facts.ClauseBreakBetween(k, start); k--)
        {
            if (ReduceVerbs.Contains(sentence[k].Norm))
            {
                return TroopKind.Reduction;
            }

            if (IncreaseVerbs.Contains(sentence[k].Norm))
            {
                return TroopKind.Increase;
            }
        }

        return null;
    }

    private static bool HasWordInside(Sentence sentence, Figure figure, string word)
    {
        for (var k = (figure.Second ?? figure.First).End; k < figure.NounEnd; k++)
        {
            // "2,000 or more Marines" is a bound, not more of them.
            if (sentence.Is(k, word) && !sentence.Is(k - 1, "or"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"to 2,000", or "to one base and 1,000", a list after "to": the index of "to", or null.</summary>
    private static int? ToBefore(Sentence sentence, int boundStart)
    {
        if (sentence.Is(boundStart - 1, "to"))
        {
            return boundStart - 1;
        }

        if (!sentence.Is(boundStart - 1, "and"))
        {
            return null;
        }

        for (var k = boundStart - 2; k >= Math.Max(0, boundStart - 5); k--)
        {
            if (sentence.Is(k, "to"))
            {
                return NumberReader.TryRead(sentence, k + 1, out _) ? k : null;
            }
        }

        return null;
    }

    private static bool IsWholeOfAPart(Sentence sentence, int boundStart) =>
        boundStart >= 3 && PartitiveDeterminers.Contains(sentence[boundStart - 1].Norm) && sentence[boundStart - 2].Norm is "of" or "among"
        && (sentence[boundStart - 3].IsNumber || sentence[boundStart - 3].Norm is "bulk" or "most" or "half" or "some" or "part" or "many"
            or "majority" or "rest" or "portion" or "all");

    /// <summary>A verb in the past before the figure ("ordered", "withdrew"), not a perfect or a passive.</summary>
    private static bool PastBefore(Sentence sentence, int index)
    {
        for (var k = 1; k < index; k++)
        {
            var word = sentence[k].Norm;
            if (sentence[k].IsWord && !sentence[k].StartsUpper && word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal)
                && sentence[k - 1].Norm is not ("has" or "have" or "had" or "be" or "been" or "is" or "are" or "was" or "were" or "will"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReportingVerbBetween(Sentence sentence, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (ReportingVerbs.Contains(sentence[k].Norm))
            {
                return true;
            }
        }

        return false;
    }

    private static bool FutureBefore(Sentence sentence, int index)
    {
        for (var k = 0; k < index; k++)
        {
            // "decided to withdraw", "US to consolidate": an infinitive of a verb speaks of a plan.
            if (FutureMarkers.Contains(sentence[k].Norm)
                || (sentence[k].Norm == "to" && k + 1 < index && sentence[k + 1].IsWord && !sentence[k + 1].StartsUpper
                    && sentence[k + 1].Norm is not ("the" or "a" or "an" or "its" or "their" or "his" or "her")))
            {
                return true;
            }
        }

        return false;
    }
}
