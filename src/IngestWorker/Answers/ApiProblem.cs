using IngestWorker.Core.Errors;
using IngestWorker.Core.Extraction;
using Microsoft.AspNetCore.Http;

namespace IngestWorker.Answers;

/// <summary>
/// One kind of error the API answers, as an RFC 9457 problem: a stable <see cref="Type"/> URI that clients
/// can branch on, its status and a short title; each answer adds a detail saying what was wrong with that
/// request. The table in docs/api.md lists them all.
/// </summary>
public sealed record ApiProblem(string Slug, int Status, string Title)
{
    public const string TypeBase = "https://ingestworker.dev/problems/";

    public static ApiProblem BadParameter { get; } = new("bad-parameter", StatusCodes.Status400BadRequest, "A query parameter has a value the API cannot use");

    public static ApiProblem BadCursor { get; } = new("bad-cursor", StatusCodes.Status400BadRequest, "The cursor is not one this worker gave out");

    public static ApiProblem BadPeriod { get; } = new("bad-period", StatusCodes.Status400BadRequest, "The period asked for ends before it starts");

    public static ApiProblem UnknownBase { get; } = new("unknown-base", StatusCodes.Status404NotFound, "No base of that name has statements");

    public static ApiProblem AmbiguousBase { get; } = new("ambiguous-base", StatusCodes.Status400BadRequest, "The name matches several bases");

    public static ApiProblem UnknownBaseFilter { get; } = new("unknown-base-filter", StatusCodes.Status400BadRequest, "The base filter names no base");

    public static ApiProblem UnknownRoute { get; } = new("unknown-route", StatusCodes.Status404NotFound, "No such route");

    public static ApiProblem MethodNotAllowed { get; } = new("method-not-allowed", StatusCodes.Status405MethodNotAllowed, "The route does not take that method");

    public static ApiProblem UnreadableRequest { get; } = new("unreadable-request", StatusCodes.Status400BadRequest, "The request could not be read");

    public static ApiProblem UriTooLong { get; } = new("uri-too-long", StatusCodes.Status414UriTooLong, "The request's URL is too long");

    public static ApiProblem HeadersTooLarge { get; } = new("headers-too-large", StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request's headers are too large");

    public static ApiProblem DatabaseUnavailable { get; } = new("database-unavailable", StatusCodes.Status503ServiceUnavailable, "The database cannot be reached");

    public static ApiProblem DatabaseFull { get; } = new("database-full", StatusCodes.Status503ServiceUnavailable, "The database's disk is full");

    public static ApiProblem InternalError { get; } = new("internal-error", StatusCodes.Status500InternalServerError, "The worker failed to answer");

    /// <summary>Every problem, for the type a bare status code stands for and for the documentation's test.</summary>
    public static IReadOnlyList<ApiProblem> All { get; } =
    [
        BadParameter, BadCursor, BadPeriod, UnknownBase, AmbiguousBase, UnknownBaseFilter, UnknownRoute, MethodNotAllowed,
        UnreadableRequest, UriTooLong, HeadersTooLarge, DatabaseUnavailable, DatabaseFull, InternalError,
    ];

    public string Type => TypeBase + Slug;

    /// <summary>The problem an answer with this status and no type of its own stands for (a route that is not there, a method it does not take).</summary>
    public static ApiProblem? ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => UnreadableRequest,
        StatusCodes.Status404NotFound => UnknownRoute,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status414UriTooLong => UriTooLong,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => HeadersTooLarge,
        StatusCodes.Status500InternalServerError => InternalError,
        StatusCodes.Status503ServiceUnavailable => DatabaseUnavailable,
        _ => null,
    };

    /// <summary>
    /// The problem an <see cref="IngestWorkerException"/> escaping a route answers, by its code: a caller's mistake
    /// found deep in a query its 400, a database the worker cannot reach (or start) a 503, and the rest a 500.
    /// </summary>
    public static ApiProblem For(ErrorCode code) => code switch
    {
        ErrorCode.BadPageRequest => BadCursor,

        // Only a list route's base filter lets it escape; a name in the path is answered by its route (BaseProblems).
        ErrorCode.UnknownBase => UnknownBaseFilter,
        ErrorCode.EmbeddedServerFailed or ErrorCode.PostgresNotInstalled or ErrorCode.DatabaseMissing or ErrorCode.NoDataYet
            or ErrorCode.SchemaNotApplied => DatabaseUnavailable,
        _ => InternalError,
    };

    /// <summary>The 400 for a parameter that takes one of the claims contract's words (a status, a kind) and was given another.</summary>
    public static IResult NotAContractWord<TEnum>(string parameter, string word)
        where TEnum : struct, Enum =>
        BadParameter.Answer($"{parameter} must be one of: {ContractWords<TEnum>.Listed}; not '{word}'.");

    /// <summary>This problem as the answer to one request.</summary>
    /// <param name="detail">What was wrong with this request, in a sentence.</param>
    /// <param name="extensions">Members a client can read without parsing the detail (the names a base matches).</param>
    public IResult Answer(string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: Status, title: Title, type: Type, extensions: extensions);
}
