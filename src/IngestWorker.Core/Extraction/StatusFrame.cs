namespace IngestWorker.Core.Extraction;

/// <summary>Where a frame's verb finds the site it speaks of.</summary>
internal enum FrameSite
{
    /// <summary>The site is the verb's object ("vacated Camp X"), and the subject of its passive ("Camp X was vacated").</summary>
    Object,

    /// <summary>The site is the verb's subject ("Camp X hosts ...", "Camp X is home to ...").</summary>
    Subject,

    /// <summary>The site follows a preposition after the verb ("withdrew from Camp X", "are stationed at Camp X").</summary>
    Preposition,
}

/// <summary>
/// A status rule written as a verb and its frame rather than as phrases: <c>verb: vacate, site: object,
/// status: handed-over</c>. <see cref="Expand"/> writes out the phrases the extractor matches: every
/// inflection (vacate, vacates, vacated, vacating), the perfect (has vacated), the progressive (are vacating:
/// the <see cref="Ongoing"/> status), the passive (Camp X was vacated, is being vacated), and the modal forms
/// (will vacate, plans to vacate, is set to be vacated: the <see cref="Planned"/> status). A negation ("has
/// not vacated") is read by the extractor and gives nothing. Expanding is linear in the frames.
/// </summary>
internal sealed record StatusFrame(
    string Verb,
    string? Particle,
    FrameSite Site,
    string? Preposition,
    SiteStatus Status,
    SiteStatus Ongoing,
    SiteStatus Planned,
    string? Past,
    string? Participle,
    string? PresentParticiple)
{
    private static readonly string[] Modals = ["will", "would", "to", "plans to", "plan to", "is set to", "are set to", "is expected to", "are expected to", "is due to", "are due to"];

    private static readonly string[] PassivePast = ["was", "were", "has been", "have been", "had been"];

    private static readonly string[] PassiveOngoing = ["is being", "are being", "was being", "were being"];

    private static readonly string[] PresenceAdverbs = ["also", "still", "now"];

    private static readonly string[] Irregular3Sg = ["be:is", "have:has", "do:does", "go:goes"];

    /// <summary>The default status under a modal: a departure told in the future is a plan, presence to come is forces being received.</summary>
    public static SiteStatus PlannedFor(SiteStatus status) => status switch
    {
        // "will operate out of", "is expected to host": troops yet to come are forces being received.
        SiteStatus.Active or SiteStatus.ReceivingForces => SiteStatus.ReceivingForces,
        SiteStatus.ResidualPresence => status,
        _ => SiteStatus.WithdrawalPlanned,
    };

    /// <summary>Adds the phrases and patterns of this frame to the rules.</summary>
    public void Expand(ExtractionRules rules)
    {
        var tail = Tail();
        var past = Past ?? Regular(Verb, "ed");
        var participle = Participle ?? past;
        var third = ThirdPerson(Verb);
        var ing = PresentParticiple ?? Regular(Verb, "ing");
        var plural = Verb == "be" ? "are" : Verb;
        var pastPlural = Verb == "be" ? "were" : past;

        switch (Site)
        {
            case FrameSite.Preposition:
            case FrameSite.Object:
                foreach (var form in new[] { Verb, third, past, participle, plural, pastPlural }.Distinct(StringComparer.Ordinal))
                {
                    rules.StatusBefore.Add(form + tail, Status);
                }

                rules.StatusBefore.Add(ing + tail, Ongoing);
                foreach (var modal in Modals)
                {
                    rules.StatusBefore.Add($"{modal} {Verb}{tail}", Planned);
                }

                if (Site == FrameSite.Object)
                {
                    AddObjectForms(rules, past, participle, third, ing);
                }
                else
                {
                    // "sent an aviation unit to Camp X", "withdrew its troops from Camp X": what moves may stand between the verb and the site.
                    var rest = (Particle is null ? string.Empty : Particle + " ") + Preposition;
                    foreach (var form in new[] { third, past, participle }.Distinct(StringComparer.Ordinal))
                    {
                        rules.StatusBefore.Add($"{form} ... {rest}", Status);
                    }

                    rules.StatusBefore.Add($"{ing} ... {rest}", Ongoing);
                    rules.StatusBefore.Add($"will {Verb} ... {rest}", Planned);
                    rules.StatusBefore.Add($"would {Verb} ... {rest}", Planned);
                }

                break;
            case FrameSite.Subject:
                foreach (var form in new[] { third, past, plural, pastPlural, $"has {participle}", $"have {participle}", $"had {participle}", $"has long {participle}", $"have long {participle}" }.Distinct(StringComparer.Ordinal))
                {
                    rules.StatusAfter.Add(form + tail, Status);
                }

                AddAdverbForms(rules, tail, third, past, plural, pastPlural, participle);
                rules.StatusAfter.Add($"is {ing}{tail}", Ongoing);
                rules.StatusAfter.Add($"are {ing}{tail}", Ongoing);
                foreach (var modal in Modals)
                {
                    rules.StatusAfter.Add($"{modal} {Verb}{tail}", Planned);
                }

                break;
        }
    }

    /// <summary>The passive ("Camp X was handed over") and, with a particle, the object between verb and particle ("handed Camp X over").</summary>
    private void AddObjectForms(ExtractionRules rules, string past, string participle, string third, string ing)
    {
        var particle = Particle is null ? string.Empty : " " + Particle;
        foreach (var be in PassivePast)
        {
            rules.StatusAfter.Add($"{be} {participle}{particle}", Status);
        }

        foreach (var be in PassiveOngoing)
        {
            rules.StatusAfter.Add($"{be} {participle}{particle}", Ongoing);
        }

        foreach (var modal in Modals)
        {
            rules.StatusAfter.Add($"{modal} be {participle}{particle}", Planned);
        }

        if (Particle is null)
        {
            return;
        }

        foreach (var (form, status) in new[] { (Verb, Status), (third, Status), (past, Status), (participle, Status), (ing, Ongoing) })
        {
            if (StatusPattern.Parse($"{form} {{base}} {Particle}", status, SiteFilter.Any, out _) is { } pattern)
            {
                rules.StatusPatterns.Add(pattern);
            }
        }
    }

    /// <summary>
    /// "is also home to", "still hosts", "has also housed": an adverb that only adds to the presence stands after
    /// the form of "be" or before the verb (after "has" in the perfect).
    /// </summary>
    private void AddAdverbForms(ExtractionRules rules, string tail, string third, string past, string plural, string pastPlural, string participle)
    {
        foreach (var adverb in PresenceAdverbs)
        {
            if (Verb == "be")
            {
                foreach (var form in new[] { third, past, plural, pastPlural }.Distinct(StringComparer.Ordinal))
                {
                    rules.StatusAfter.Add($"{form} {adverb}{tail}", Status);
                }

                continue;
            }

            foreach (var form in new[] { third, past, plural, $"has {adverb} {participle}", $"have {adverb} {participle}" }.Distinct(StringComparer.Ordinal))
            {
                rules.StatusAfter.Add(form.Contains(' ', StringComparison.Ordinal) ? form + tail : $"{adverb} {form}{tail}", Status);
            }
        }
    }

    private string Tail() =>
        (Particle is null ? string.Empty : " " + Particle) + (Preposition is null ? string.Empty : " " + Preposition);

    private static string ThirdPerson(string verb)
    {
        foreach (var pair in Irregular3Sg)
        {
            if (pair.StartsWith(verb + ":", StringComparison.Ordinal))
            {
                return pair[(verb.Length + 1)..];
            }
        }

        if (verb.EndsWith('y') && verb.Length > 1 && !IsVowel(verb[^2]))
        {
            return verb[..^1] + "ies";
        }

        return verb.EndsWith('s') || verb.EndsWith('x') || verb.EndsWith('z') || verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith("ch", StringComparison.Ordinal)
            ? verb + "es"
            : verb + "s";
    }

    /// <summary>The regular past ("vacated", "deployed", "relied") or present participle ("vacating", "hosting").</summary>
    private static string Regular(string verb, string ending)
    {
        if (verb == "be")
        {
            return ending == "ed" ? "was" : "being";
        }

        if (ending == "ed")
        {
            if (verb.EndsWith('e'))
            {
                return verb + "d";
            }

            return verb.EndsWith('y') && verb.Length > 1 && !IsVowel(verb[^2]) ? verb[..^1] + "ied" : verb + "ed";
        }

        return verb.EndsWith('e') && !verb.EndsWith("ee", StringComparison.Ordinal) && verb.Length > 2 ? verb[..^1] + "ing" : verb + "ing";
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
