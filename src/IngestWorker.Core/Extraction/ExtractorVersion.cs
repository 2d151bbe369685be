namespace IngestWorker.Core.Extraction;

/// <summary>
/// The version of the extractor's code: bumped whenever a change to it can change what it reads out of an
/// article. A read model records it beside its rules, and one built by another version is rebuilt at start.
/// </summary>
public static class ExtractorVersion
{
    public const string Current = "1";
}
