namespace IngestWorker.Core.Articles;

/// <summary>What reading one file gave: an article, or a reason a person can read.</summary>
public abstract record ArticleReadResult
{
    private ArticleReadResult() { }

    public sealed record Read(Article Article) : ArticleReadResult;

    public sealed record Refused(string Reason) : ArticleReadResult;
}
