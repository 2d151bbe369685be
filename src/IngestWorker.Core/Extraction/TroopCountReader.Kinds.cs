namespace IngestWorker.Core.Extraction;

/// <summary>The kind of a troop figure (level, target, increase, reduction) from the cues around it.</summary>
internal static partial class TroopCountReader
{
    /// <summary>
    /// The kind the nearest cue gives. A cue right before the figure wins outright; "to" right before it
    /// ("reduce ... to 2,000") makes a target; with no cue near, a figure is a level.
    /// </summary>
    private static (string Kind, bool Past) KindOf(SentenceFacts facts, ExtractionRules rules, Figure figure, string? previousKind)
    {
        if (figure.PairTarget)
        {
            return (ClaimWords.Target, false);
        }

        var sentence = facts.Sentence;
        PhraseMatch<KindCue>? best = null;
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
            if (distance <= Reach && (best is null || (bestWeak && !weak) || (weak == bestWeak && distance < bestDistance)))
            {
                (best, bestDistance, bestWeak) = (cue, distance, weak);
            }
        }

        if (bestDistance > 0 && ToBefore(sentence, figure.BoundStart) is { } to)
        {
            // "was raised to 2,000" tells a level reached; "will be cut to 2,000", "shrink ... to one base and
            // fewer than 1,000" a target.
            var participle = to - 1;
            if (participle >= 1 && sentence[participle].Norm.EndsWith("ed", StringComparison.Ordinal)
                && sentence[participle - 1].Norm is "was" or "were" or "been")
            {
                return (ClaimWords.Level, sentence[participle - 1].Norm != "been" || sentence.Is(participle - 2, "had"));
            }

            return (ClaimWords.Target, false);
        }

        // "ordered the bulk of the roughly 1,000 troops in Syria to withdraw": the move is of a part; the figure
        // is the whole that was there.
        if (IsWholeOfAPart(sentence, figure.BoundStart))
        {
            return (ClaimWords.Level, PastBefore(sentence, figure.BoundStart));
        }

        if (best is not { } chosen)
        {
            // "750 were sent to Kuwait, and another 4,000 are expected to follow": more of the same kind.
            return (figure.Follows && previousKind is not null ? previousKind : ClaimWords.Level, false);
        }

        // "has pulled out of Iraq, leaving 56,000": what a finished move leaves is a level; only a plan's is a target.
        if (chosen.Value.Kind == ClaimWords.Target && sentence[chosen.Start].Norm == "leaving" && !FutureBefore(sentence, chosen.Start))
        {
            return (ClaimWords.Level, false);
        }

        // "would leave 2,000 behind" is what a plan keeps; "2,000 troops would leave" is who goes.
        if (chosen.Value.Kind == ClaimWords.Target && chosen.Start >= figure.NounEnd && sentence[chosen.End - 1].Norm is "leave" or "leaving" or "leaves")
        {
            return (ClaimWords.Reduction, false);
        }

        return (chosen.Value.Kind, chosen.Value.Past);
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
        boundStart >= 3 && PartitiveDeterminers.Contains(sentence[boundStart - 1].Norm) && sentence.Is(boundStart - 2, "of")
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
