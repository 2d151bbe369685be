namespace IngestWorker.Inbox;

/// <summary>
/// Moves what the inbox is done with into <c>archive/</c> or <c>rejected/</c>. The one seam through which
/// files leave the inbox, so a test can make it fail as a full disk does.
/// </summary>
public interface IFileMover
{
    /// <summary>Moves a file or folder into <paramref name="folder"/>, never over something already there.</summary>
    /// <returns>The path it now has.</returns>
    /// <exception cref="FileNotFoundException">It was gone before it could be moved (another worker took it).</exception>
    /// <exception cref="IOException">It could not be moved (a full disk); it is still where it was, and nothing was left behind.</exception>
    string MoveInto(string path, string folder);
}
