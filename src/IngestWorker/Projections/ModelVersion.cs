using IngestWorker.Core.Extraction;

namespace IngestWorker.Projections;

/// <summary>
/// What a read model was built with, stored with it (its <c>model_info</c> row): the rules, the extractor's
/// code and the tables' shape. A model whose version is not the worker's is rebuilt: at once when its tables
/// have another shape, by a replay once the worker runs when its rules or its extractor differ.
/// </summary>
/// <param name="ExtractorVersion">Null for a model built before the extractor's version was recorded.</param>
public sealed record ModelVersion(string RulesVersion, string? ExtractorVersion, int Shape)
{
    /// <summary>The version a model built now with <paramref name="rulesVersion"/> has.</summary>
    public static ModelVersion Current(string rulesVersion) => new(rulesVersion, Core.Extraction.ExtractorVersion.Current, ReadModelSchema.Shape);

    /// <summary>The rows were read by another extractor than this program's.</summary>
    public bool ExtractorDiffers => ExtractorVersion != Core.Extraction.ExtractorVersion.Current;
}
