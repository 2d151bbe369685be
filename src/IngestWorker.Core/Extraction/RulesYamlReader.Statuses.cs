using YamlDotNet.RepresentationModel;

namespace IngestWorker.Core.Extraction;

/// <summary>The statuses a rules file lists: cue words per status, patterns and frames of a sentence that tell a site's status.</summary>
internal sealed partial class RulesYamlReader
{
    private void ReadStatuses(YamlNode node)
    {
        foreach (var (status, cues) in Mapping(node, "statuses", [.. ContractWords<SiteStatus>.All, "patterns", "frames"]))
        {
            if (status == "patterns")
            {
                ReadStatusPatterns(cues);
                continue;
            }

            if (status == "frames")
            {
                foreach (var entry in Sequence(cues, "statuses.frames"))
                {
                    ReadStatusFrame(entry);
                }

                continue;
            }

            foreach (var (side, words) in Mapping(cues, $"statuses.{status}", ["before", "after"]))
            {
                AddAll(side == "before" ? _rules.StatusBefore : _rules.StatusAfter, words, $"statuses.{status}.{side}", ContractWords<SiteStatus>.Parse(status));
            }
        }
    }

    /// <summary>
    /// <c>statuses.patterns</c>: rules written as phrases with slots, each with the sentences it must read
    /// right; those examples join the global ones that <c>rules --check</c> runs.
    /// </summary>
    private void ReadStatusPatterns(YamlNode node)
    {
        foreach (var entry in Sequence(node, "statuses.patterns"))
        {
            var fields = Mapping(entry, "a status pattern", ["status", "pattern", "sites", "examples"]);
            var statusNode = Required(fields, entry, "status", "a status pattern");
            var status = Status(statusNode, "the pattern's status");

            var sites = SiteFilter.Any;
            if (fields.TryGetValue("sites", out var sitesNode))
            {
                sites = Text(sitesNode, "sites") switch
                {
                    "any" => SiteFilter.Any,
                    "installations" => SiteFilter.Installation,
                    var other => throw Fail(sitesNode, $"sites '{other}' is not known; write 'any' or 'installations' (named bases, not cities or regions)."),
                };
            }

            var patternNode = Required(fields, entry, "pattern", "a status pattern");
            var text = Text(patternNode, "the pattern");
            var pattern = StatusPattern.Parse(text, status, sites, out var problem)
                ?? throw Fail(patternNode, $"pattern '{text}' cannot be used: {problem}");
            _rules.StatusPatterns.Add(pattern);
            if (fields.TryGetValue("examples", out var examples))
            {
                foreach (var example in Sequence(examples, $"the examples of pattern '{text}'"))
                {
                    ReadExample(example);
                }
            }
        }
    }

    /// <summary>
    /// One entry of <c>statuses.frames</c>: a verb with where its site stands, the statuses it gives, and at
    /// least two example sentences, each of which must yield one of the frame's statuses.
    /// </summary>
    private void ReadStatusFrame(YamlNode entry)
    {
        var fields = Mapping(entry, "a status frame", ["verb", "particle", "site", "status", "ongoing", "planned", "past", "participle", "ing", "examples"]);
        var verbNode = Required(fields, entry, "verb", "a status frame");
        var verb = Text(verbNode, "the frame's verb").ToLowerInvariant();
        if (verb.Contains(' ', StringComparison.Ordinal))
        {
            throw Fail(verbNode, $"verb '{verb}' should be one word (its lemma, 'hand'); put the rest under particle ('over') or site ('from').");
        }

        var siteNode = Required(fields, entry, "site", $"frame '{verb}'");
        var siteText = Text(siteNode, "the frame's site");
        var (site, preposition) = siteText switch
        {
            "object" => (FrameSite.Object, (string?)null),
            "subject" => (FrameSite.Subject, null),
            _ when siteText.StartsWith("after ", StringComparison.Ordinal) => (FrameSite.Preposition, siteText["after ".Length..].Trim()),
            _ => throw Fail(siteNode, $"site '{siteText}' is not known; write 'object', 'subject' or 'after PREPOSITION' ('after from')."),
        };
        var status = FrameStatus(fields, entry, "status", null);
        var frame = new StatusFrame(
            verb,
            fields.TryGetValue("particle", out var particle) ? Text(particle, "the frame's particle") : null,
            site,
            preposition,
            status,
            FrameStatus(fields, entry, "ongoing", status),
            FrameStatus(fields, entry, "planned", StatusFrame.PlannedFor(status)),
            fields.TryGetValue("past", out var past) ? Text(past, "the frame's past tense") : null,
            fields.TryGetValue("participle", out var participle) ? Text(participle, "the frame's past participle") : null,
            fields.TryGetValue("ing", out var ing) ? Text(ing, "the frame's -ing form") : null);
        frame.Expand(_rules);

        // An example that yields nothing ("has not vacated") shows what the frame must not read; two others must show what it reads.
        var statuses = new[] { frame.Status, frame.Ongoing, frame.Planned };
        var showing = 0;
        foreach (var example in fields.TryGetValue("examples", out var list) ? Sequence(list, $"the examples of frame '{verb}'") : [])
        {
            ReadExample(example);
            var expected = _rules.Examples[^1].BaseStatuses;
            if (expected.Count == 0)
            {
                continue;
            }

            if (!expected.Any(b => statuses.Any(s => b.Contains(": " + s.Word() + " ", StringComparison.Ordinal))))
            {
                throw Fail(example, $"an example of frame '{verb}' should yield one of its statuses ({string.Join(", ", statuses.Distinct().Select(s => s.Word()))}) under baseStatuses.");
            }

            showing++;
        }

        if (showing < 2)
        {
            throw Fail(entry, $"frame '{verb}' needs at least two example sentences (examples:) that yield its status.");
        }
    }

    private SiteStatus FrameStatus(Dictionary<string, YamlNode> fields, YamlNode entry, string key, SiteStatus? fallback)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            return fallback ?? throw Fail(entry, $"a status frame needs a '{key}'.");
        }

        return Status(node, $"the frame's {key} status");
    }

    /// <summary>A status named by its contract word; any other word fails at its line with the words a status may be.</summary>
    private SiteStatus Status(YamlNode node, string what)
    {
        var word = Text(node, what);
        return ContractWords<SiteStatus>.TryParse(word, out var status)
            ? status
            : throw Fail(node, $"'{word}' is not a status; expected one of: {ContractWords<SiteStatus>.Listed}.");
    }
}
