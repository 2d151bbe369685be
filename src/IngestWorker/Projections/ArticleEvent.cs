using IngestWorker.Core.Articles;
using IngestWorker.EventStore;
using JasperFx.Events;

namespace IngestWorker.Projections;

/// <summary>
/// An article event together with the article it describes. Rows carry their source with them, so a claim
/// row answers "who said so, and when" without a join to another read model.
/// </summary>
public sealed record ArticleEvent(IEvent Event, ArticleReceived Received)
{
    public Article Article => new(Received.Title, Received.Published, Received.Outlet, Received.Url, Received.Body, Received.ContentHash);

    public string StreamId => Event.StreamKey ?? Article.StreamId;

    /// <summary>When the world could have known the claim: the published date, or the day it arrived when undated.</summary>
    public DateOnly KnownFrom => Received.Published ?? DateOnly.FromDateTime(Event.Timestamp.UtcDateTime);

    public static IReadOnlyList<ArticleEvent> In(IReadOnlyList<IEvent> events) =>
        events.Where(e => e.Data is ArticleReceived)
            .Select(e => new ArticleEvent(e, (ArticleReceived)e.Data))
            .ToList();
}
