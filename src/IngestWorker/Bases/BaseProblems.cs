using System.Globalization;
using IngestWorker.Answers;
using IngestWorker.Claims;
using Microsoft.AspNetCore.Http;

namespace IngestWorker.Bases;

/// <summary>
/// What the API says when a base asked for is not in the answer: a name in the path that names no base is
/// a resource that is not there (404), one that names several is the caller's to narrow (400, with the
/// names), and a base filter of a list that no base's name holds is a bad filter (400), not an empty list.
/// </summary>
internal static class BaseProblems
{
    /// <summary>The answer to a route whose path names a base the filtered answer does not hold.</summary>
    /// <param name="matches">The bases the name matched under the filter (none, or several).</param>
    public static async Task<IResult> NotFoundAsync(BaseQueries bases, ClaimFilter filter, string name, IReadOnlyList<string> matches,
        CancellationToken ct)
    {
        if (matches.Count > 1)
        {
            return ApiProblem.AmbiguousBase.Answer(UnknownBaseException.Describe(name, matches),
                new Dictionary<string, object?> { ["matches"] = matches });
        }

        if (filter.KnownAt is not null || filter.From is not null || filter.To is not null)
        {
            // Known, but not by that day or not in that period: say so rather than that it does not exist.
            var (known, _) = await bases.FindBaseAsync(ClaimFilter.None, name, ct);
            if (known is not null)
            {
                return ApiProblem.UnknownBase.Answer($"'{known.Base}' has statements, but none {Narrowing(filter)}.");
            }
        }

        return ApiProblem.UnknownBase.Answer(UnknownBaseException.Describe(name, matches));
    }

    /// <exception cref="UnknownBaseException">No base's name holds <paramref name="subject"/>, whatever the day or period.</exception>
    public static async Task EnsureSomeBaseIsNamedAsync(BaseQueries bases, string subject, CancellationToken ct)
    {
        if (await NoBaseNamedAsync(bases, subject, ct) is { } unknown)
        {
            throw unknown;
        }
    }

    /// <summary>What is wrong with a base filter that no base's name holds, whatever the day or period; null when one does.</summary>
    public static async Task<UnknownBaseException?> NoBaseNamedAsync(BaseQueries bases, string subject, CancellationToken ct)
    {
        var (_, matches) = await bases.FindBaseAsync(ClaimFilter.None, subject, ct);
        return matches.Count == 0 ? new UnknownBaseException(subject, matches) : null;
    }

    private static string Narrowing(ClaimFilter filter)
    {
        var parts = new List<string>();
        if (filter.KnownAt is { } knownAt)
        {
            parts.Add("known by " + knownAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (filter.From is not null || filter.To is not null)
        {
            parts.Add($"about a period from {filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "the start"} to {filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "now"}");
        }

        return string.Join(" and ", parts);
    }
}
