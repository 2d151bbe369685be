using System.Collections.Concurrent;
using IngestWorker.EventStore;
using IngestWorker.Core.Extraction;
using Marten;

namespace IngestWorker.Projections;

/// <summary>
/// The rules each read model was built with. Every applied version is kept in the log (the
/// <see cref="EventCatalogue.RulesStream"/>), so any worker can keep projecting with the live model's
/// rules even when it was started with other ones.
/// </summary>
public sealed class RulesCatalog
{
    private readonly ConcurrentDictionary<string, ExtractionRules> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// Queues <see cref="RulesApplied"/> in <paramref name="session"/> unless the newest one already has this
    /// version, so that the caller commits it together with what the rules were applied to.
    /// </summary>
    public async Task<bool> QueueRecordAsync(IDocumentSession session, LoadedRules rules, CancellationToken ct)
    {
        _known.TryAdd(rules.Rules.Version, rules.Rules);
        if ((await LatestAsync(session, ct))?.RulesVersion == rules.Rules.Version)
        {
            return false;
        }

        session.Events.Append(EventCatalogue.RulesStream, new RulesApplied(rules.Rules.Version, rules.Yaml, rules.Source, rules.Rules.GazetteerYaml));
        return true;
    }

    /// <summary>Makes rules known without recording them (a dry run builds with them, but applies nothing).</summary>
    public void Remember(ExtractionRules rules) => _known.TryAdd(rules.Version, rules);

    public async Task<ExtractionRules> ForVersionAsync(IQuerySession session, string version, CancellationToken ct)
    {
        if (_known.TryGetValue(version, out var cached))
        {
            return cached;
        }

        var applied = (await AppliedAsync(session, ct)).LastOrDefault(r => r.RulesVersion == version)
            ?? throw new RulesVersionUnknownException(version);
        return _known.GetOrAdd(version, _ => ExtractionRules.Parse(applied.RulesYaml, $"rules {version} from the log", applied.GazetteerYaml));
    }

    /// <summary>The newest rules recorded in the log, or null before any.</summary>
    public static async Task<RulesApplied?> LatestAsync(IQuerySession session, CancellationToken ct) =>
        (await AppliedAsync(session, ct)).LastOrDefault();

    private static async Task<IReadOnlyList<RulesApplied>> AppliedAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Events.FetchStreamAsync(EventCatalogue.RulesStream, token: ct)).Select(e => (RulesApplied)e.Data).ToList();
}

/// <summary>Rules together with the text and place they came from (the gazetteer's text is in <see cref="ExtractionRules.GazetteerYaml"/>).</summary>
public sealed record LoadedRules(ExtractionRules Rules, string Yaml, string Source)
{
    public static LoadedRules Default => new(ExtractionRules.Default, ExtractionRules.DefaultYaml, "built-in rules");

    /// <summary>The rules file at <paramref name="path"/>, or the built-in rules when none is given.</summary>
    public static LoadedRules From(string? path)
    {
        if (path is null)
        {
            return Default;
        }

        var yaml = File.ReadAllText(path);
        return new LoadedRules(ExtractionRules.Parse(yaml, path), yaml, Path.GetFullPath(path));
    }
}
