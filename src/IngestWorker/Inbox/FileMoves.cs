namespace IngestWorker.Inbox;

/// <summary>Moves a file into a folder without ever overwriting one already there.</summary>
internal static class FileMoves
{
    /// <returns>The path the file now has.</returns>
    public static string MoveInto(string path, string folder)
    {
        Directory.CreateDirectory(folder);
        var name = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        var target = Path.Combine(folder, Path.GetFileName(path));
        for (var n = 2; ; n++)
        {
            try
            {
                File.Move(path, target, overwrite: false);
                return target;
            }
            catch (IOException) when (File.Exists(target) && File.Exists(path))
            {
                target = Path.Combine(folder, FormattableString.Invariant($"{name}.{n}{extension}"));
            }
        }
    }
}
