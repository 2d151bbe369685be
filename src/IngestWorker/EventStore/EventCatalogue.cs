using Marten;

namespace IngestWorker.EventStore;

/// <summary>An article arrived: the text as received, never the numbers read out of it.</summary>
public sealed record ArticleReceived(
    string FileName,
    string? Title,
    DateOnly? Published,
    string? Outlet,
    string? Url,
    string Body,
    string ContentHash,
    long FileBytes);

/// <summary>
/// A dropped file could not be taken as an article; the only event of a stream of its own (<c>rejected-</c>
/// and a digest of the file and reason). Logs written before the move onto Marten keep theirs in the stream <c>inbox</c>.
/// </summary>
public sealed record ArticleRejected(string FileName, string Reason, long FileBytes);

/// <summary>
/// A set of extraction rules was applied to the read models; the log keeps its full text and that of its
/// gazetteer of installations (null in events written before rules had one: their bases were in the rules).
/// </summary>
public sealed record RulesApplied(string RulesVersion, string RulesYaml, string Source, string? GazetteerYaml = null);

/// <summary>
/// Every event the log holds, under the name it is stored with. The names are the contract with the
/// data already written: a class may be renamed or moved, its stored name never changes.
/// </summary>
public static class EventCatalogue
{
    /// <summary>The stream of every rules version applied to the read models.</summary>
    public const string RulesStream = "rules";

    public const string ArticleReceivedName = "article_received";
    public const string ArticleRejectedName = "article_rejected";
    public const string RulesAppliedName = "rules_applied";

    private static readonly (Type Type, string Name)[] Stored =
    [
        (typeof(ArticleReceived), ArticleReceivedName),
        (typeof(ArticleRejected), ArticleRejectedName),
        (typeof(RulesApplied), RulesAppliedName),
    ];

    public static void Register(StoreOptions options)
    {
        foreach (var (type, name) in Stored)
        {
            options.Events.AddEventType(type);
            options.Events.MapEventType(type, name);
        }
    }
}
