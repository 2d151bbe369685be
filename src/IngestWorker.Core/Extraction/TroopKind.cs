using System.Text.Json.Serialization;

namespace IngestWorker.Core.Extraction;

/// <summary>
/// What a figure of troops counts, named on the wire as the claims contract spells it; declared in the order the
/// series of one force and place are listed in, which is written here and nowhere else.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TroopKind>))]
public enum TroopKind
{
    [JsonStringEnumMemberName("level")]
    Level,

    [JsonStringEnumMemberName("target")]
    Target,

    [JsonStringEnumMemberName("reduction")]
    Reduction,

    [JsonStringEnumMemberName("increase")]
    Increase,
}

/// <summary>The kinds by their contract names, and the place each takes among a force's and place's series.</summary>
public static class TroopKinds
{
    /// <summary>Every kind's contract name, in the kinds' order.</summary>
    public static IReadOnlyList<string> Names => ContractWords<TroopKind>.All;

    /// <summary>The place of <paramref name="kind"/> in the kinds' order.</summary>
    public static int Order(TroopKind kind) => ContractWords<TroopKind>.IndexOf(kind);
}
