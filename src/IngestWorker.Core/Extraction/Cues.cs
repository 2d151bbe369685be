namespace IngestWorker.Core.Extraction;

/// <summary>A word that tells what kind of figure a number is; <see cref="Past"/> for levels told in the past tense.</summary>
internal sealed record KindCue(string Kind, bool Past);

/// <summary>Status names and figure kinds exactly as the claims contract spells them.</summary>
internal static class ClaimWords
{
    public const string Active = "active";
    public const string WithdrawalPlanned = "withdrawal-planned";
    public const string WithdrawalStarted = "withdrawal-started";
    public const string HandoverInProgress = "handover-in-progress";
    public const string HandedOver = "handed-over";
    public const string ReceivingForces = "receiving-forces";
    public const string ResidualPresence = "residual-presence";

    public const string Level = "level";
    public const string Target = "target";
    public const string Reduction = "reduction";
    public const string Increase = "increase";

    public static readonly string[] Statuses =
        [Active, WithdrawalPlanned, WithdrawalStarted, HandoverInProgress, HandedOver, ReceivingForces, ResidualPresence];

    /// <summary>The kinds a rules file lists words for; "past-level" is a level told in the past tense.</summary>
    public static readonly string[] KindLists = [Level, "past-level", Target, Reduction, Increase];
}
