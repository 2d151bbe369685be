namespace IngestWorker.Core.Extraction;

/// <summary>A word that tells what kind of figure a number is; <see cref="Past"/> for levels told in the past tense.</summary>
internal sealed record KindCue(TroopKind Kind, bool Past);
