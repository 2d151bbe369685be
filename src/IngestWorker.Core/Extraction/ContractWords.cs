using System.Reflection;
using System.Text.Json.Serialization;

namespace IngestWorker.Core.Extraction;

/// <summary>
/// The one mapping between a claims enum (<see cref="Bound"/>, <see cref="SiteStatus"/>, <see cref="TroopKind"/>) and
/// the words the claims contract spells its members with. The words are read from the members'
/// <see cref="JsonStringEnumMemberNameAttribute"/>, which JSON serialization uses too, so the wire, the database's
/// text columns, CSV and rules files cannot drift apart.
/// </summary>
public static class ContractWords<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] Members = Enum.GetValues<TEnum>();

    private static readonly string[] Words = Members
        .Select(member => typeof(TEnum).GetField(member.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{member} names no contract word."))
        .ToArray();

    /// <summary>Every member's word, in the members' declared order.</summary>
    public static IReadOnlyList<string> All => Words;

    /// <summary>The words joined for a message that lists what is allowed: "exact, approximately, at-least, at-most".</summary>
    public static string Listed { get; } = string.Join(", ", Words);

    /// <summary>The word the contract spells <paramref name="member"/> with.</summary>
    public static string Of(TEnum member) => Words[IndexOf(member)];

    /// <summary>The member's place in the declared order.</summary>
    public static int IndexOf(TEnum member) =>
        Array.IndexOf(Members, member) is var index and >= 0
            ? index
            : throw new ArgumentOutOfRangeException(nameof(member), member, $"Not a declared {typeof(TEnum).Name}.");

    /// <summary>The member spelt <paramref name="word"/> (exactly, case and all); false for a word the contract does not know.</summary>
    public static bool TryParse(string? word, out TEnum member)
    {
        var index = word is null ? -1 : Array.IndexOf(Words, word);
        member = index < 0 ? default : Members[index];
        return index >= 0;
    }

    /// <summary>The member spelt <paramref name="word"/>; a word the contract does not know fails with the words it does.</summary>
    /// <exception cref="FormatException">The contract has no such word.</exception>
    public static TEnum Parse(string word) =>
        TryParse(word, out var member)
            ? member
            : throw new FormatException($"'{word}' is not a {typeof(TEnum).Name} word; expected one of: {Listed}.");
}
