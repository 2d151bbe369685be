using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using Weasel.Postgresql.Tables;

namespace IngestWorker.Claims;

/// <summary>
/// A read model's table of claims, fed by the one <see cref="ClaimsProjection"/> that reads each article
/// with the extractor once: the slice that owns the table says how it looks and what rows an article gives.
/// </summary>
public interface IClaimTable
{
    /// <summary>The table's name, without schema.</summary>
    string Name { get; }

    /// <summary>The table in <paramref name="schema"/>, declared with <see cref="ClaimColumns.Declare"/>.</summary>
    Table Declare(string schema);

    /// <summary>The rows of the claims read out of a batch of articles, for the table in <paramref name="schema"/>.</summary>
    RowSet Rows(string schema, string rulesVersion, IReadOnlyList<(ArticleEvent Source, ArticleClaims Claims)> read);
}
