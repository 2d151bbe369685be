using System.Text.Json.Serialization;

namespace IngestWorker.Core.Extraction;

/// <summary>How a figure of troops relates to the real number, named on the wire as the claims contract spells it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Bound>))]
public enum Bound
{
    /// <summary>The figure as given, with no qualifier.</summary>
    [JsonStringEnumMemberName("exact")]
    Exact,

    /// <summary>"about", "around", "roughly", "some".</summary>
    [JsonStringEnumMemberName("approximately")]
    Approximately,

    /// <summary>"more than", "over", "at least"; the low end of a range.</summary>
    [JsonStringEnumMemberName("at-least")]
    AtLeast,

    /// <summary>"fewer than", "up to", "nearly"; the high end of a range, an authorised ceiling.</summary>
    [JsonStringEnumMemberName("at-most")]
    AtMost,
}
