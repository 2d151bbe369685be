using System.Text.Json.Serialization;

namespace IngestWorker.Core.Extraction;

/// <summary>
/// What a statement says of a base (the <c>status</c> of a base status in the claims contract), named on the wire
/// as the contract spells it. Named for the site so that it is not taken for a <see cref="BaseStatus"/> claim.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SiteStatus>))]
public enum SiteStatus
{
    /// <summary>Troops are stationed there, no change reported.</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Departure announced for the future.</summary>
    [JsonStringEnumMemberName("withdrawal-planned")]
    WithdrawalPlanned,

    /// <summary>Departure under way.</summary>
    [JsonStringEnumMemberName("withdrawal-started")]
    WithdrawalStarted,

    /// <summary>Transfer of control to the host nation under way.</summary>
    [JsonStringEnumMemberName("handover-in-progress")]
    HandoverInProgress,

    /// <summary>Transfer complete, or the site vacated.</summary>
    [JsonStringEnumMemberName("handed-over")]
    HandedOver,

    /// <summary>Troops are being (or will be) moved there.</summary>
    [JsonStringEnumMemberName("receiving-forces")]
    ReceivingForces,

    /// <summary>Only a small number (advisers) remain.</summary>
    [JsonStringEnumMemberName("residual-presence")]
    ResidualPresence,
}
