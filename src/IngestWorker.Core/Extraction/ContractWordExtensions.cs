namespace IngestWorker.Core.Extraction;

/// <summary><c>bound.Word()</c> for <see cref="ContractWords{TEnum}.Of"/>, where a claim's field is written out as text.</summary>
public static class ContractWordExtensions
{
    /// <summary>The bound as the claims contract spells it: <c>at-least</c>.</summary>
    public static string Word(this Bound bound) => ContractWords<Bound>.Of(bound);

    /// <summary>The status as the claims contract spells it: <c>handover-in-progress</c>.</summary>
    public static string Word(this SiteStatus status) => ContractWords<SiteStatus>.Of(status);

    /// <summary>The kind as the claims contract spells it: <c>reduction</c>.</summary>
    public static string Word(this TroopKind kind) => ContractWords<TroopKind>.Of(kind);
}
