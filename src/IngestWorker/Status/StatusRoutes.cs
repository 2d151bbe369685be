using IngestWorker.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace IngestWorker.Status;

/// <summary><c>/api/status</c>: the same answer as <c>status --json</c>.</summary>
public static class StatusRoutes
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/status", (StatusQueries status, InboxOptions inbox, CancellationToken ct) => status.GetAsync(inbox, ct));
}
