namespace IngestWorker.Core.Extraction;

/// <summary>A word that tells what kind of figure a number is; <see cref="Past"/> for levels told in the past tense.</summary>
internal sealed record KindCue(string Kind, bool Past);

/// <summary>Figure kinds exactly as the claims contract spells them (bounds and statuses are enums: <see cref="ContractWords{TEnum}"/>).</summary>
internal static class ClaimWords
{
    public const string Level = "level";
    public const string Target = "target";
    public const string Reduction = "reduction";
    public const string Increase = "increase";

    /// <summary>The kinds a rules file lists words for; "past-level" is a level told in the past tense.</summary>
    public static readonly string[] KindLists = [Level, "past-level", Target, Reduction, Increase];
}
