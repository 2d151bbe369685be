namespace IngestWorker.Claims;

/// <summary>A base was asked for by a name that names none of the bases known, or several of them: the caller's mistake.</summary>
public sealed class UnknownBaseException(string name, IReadOnlyList<string> matches) : Exception(Describe(name, matches))
{
    /// <summary>What is wrong with the name, given the bases it matches (none, or several).</summary>
    public static string Describe(string name, IReadOnlyList<string> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        return matches.Count == 0 ? $"no statements about a base named '{name}'." : $"'{name}' matches several bases: {string.Join(", ", matches)}.";
    }
}
