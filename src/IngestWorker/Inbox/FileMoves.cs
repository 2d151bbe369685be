namespace IngestWorker.Inbox;

/// <summary>
/// Moves with the file system. A name already taken in the target folder gets a number (<c>x.2.txt</c>);
/// any other failure is the caller's to handle. Across file systems a move is a copy and a delete, and a
/// copy that fails (no space left) leaves its part-written target behind: that is removed, or every retry
/// would leave one more.
/// </summary>
public sealed class FileMoves : IFileMover
{
    // What the OS says when a name is taken: EEXIST (Linux, macOS), and ERROR_FILE_EXISTS, ERROR_ALREADY_EXISTS (Windows).
    private const int Eexist = 17;
    private const int WindowsFileExists = unchecked((int)0x80070050);
    private const int WindowsAlreadyExists = unchecked((int)0x800700B7);

    public string MoveInto(string path, string folder)
    {
        Directory.CreateDirectory(folder);
        var isFolder = Directory.Exists(path) && !File.Exists(path);
        var name = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        var target = Path.Combine(folder, Path.GetFileName(path));
        for (var n = 2; ; n++)
        {
            if (!Exists(target))
            {
                try
                {
                    Move(path, target, isFolder);
                    return target;
                }
                catch (IOException e) when (e.HResult is not (Eexist or WindowsFileExists or WindowsAlreadyExists))
                {
                    if (!Exists(path))
                    {
                        throw new FileNotFoundException($"{path} was gone before it could be moved into {folder}.", path, e);
                    }

                    // The name was free before this move and the source is still here: what is at the target is
                    // this move's own unfinished copy (the copy creates it exclusively).
                    if (!isFolder && File.Exists(target))
                    {
                        File.Delete(target);
                    }

                    throw;
                }
                catch (IOException) when (!Exists(path))
                {
                    throw new FileNotFoundException($"{path} was gone before it could be moved into {folder}.", path);
                }
                catch (IOException)
                {
                    // Someone took the name between the look and the move: try the next one.
                }
            }

            target = Path.Combine(folder, FormattableString.Invariant($"{name}.{n}{extension}"));
        }
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static void Move(string path, string target, bool isFolder)
    {
        if (isFolder)
        {
            Directory.Move(path, target);
        }
        else
        {
            File.Move(path, target, overwrite: false);
        }
    }
}
