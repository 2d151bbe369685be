using System.Diagnostics;

namespace IngestWorker.Inbox;

/// <summary>
/// Moves with the file system. A name already taken in the target folder gets a number (<c>x.2.txt</c>);
/// any other failure is the caller's to handle. On Linux a move within one file system is a single rename that
/// never replaces a name (see <see cref="InboxFileCheck.RenameNoReplace"/>), the folder made only when it is
/// missing. Elsewhere, and across file systems, .NET moves it: there a move is a copy and a delete, and a
/// copy that fails (no space left) leaves its part-written target behind: that is removed, or every retry
/// would leave one more.
/// </summary>
public sealed class FileMoves : IFileMover
{
    // What the OS says when a name is taken: EEXIST (Linux, macOS), and ERROR_FILE_EXISTS, ERROR_ALREADY_EXISTS (Windows).
    private const int Eexist = 17;
    private const int WindowsFileExists = unchecked((int)0x80070050);
    private const int WindowsAlreadyExists = unchecked((int)0x800700B7);

    public string MoveInto(string path, string folder) => RenameInto(path, folder) ?? MoveWithDotNet(path, folder);

    /// <returns>Where the file went; null where a rename cannot do it, and nothing was moved.</returns>
    private static string? RenameInto(string path, string folder)
    {
        using var targets = Targets(path, folder).GetEnumerator();
        targets.MoveNext();
        var madeFolder = false;
        while (true)
        {
            switch (InboxFileCheck.RenameNoReplace(path, targets.Current))
            {
                case InboxFileCheck.Rename.Done:
                    return targets.Current;
                case InboxFileCheck.Rename.Unsupported:
                    return null;
                case InboxFileCheck.Rename.NameTaken:
                    targets.MoveNext();
                    break;
                case InboxFileCheck.Rename.NotFound when !Exists(path):
                    throw Gone(path, folder);
                case InboxFileCheck.Rename.NotFound when !madeFolder:
                    // The folder is missing (not made yet, or removed meanwhile): make it, and try the same name again.
                    Directory.CreateDirectory(folder);
                    madeFolder = true;
                    break;
                default:
                    throw new DirectoryNotFoundException($"{path} could not be moved into {folder}: the folder could not be found.");
            }
        }
    }

    /// <summary>The file's own name in the folder, then the same with a number: <c>x.txt</c>, <c>x.2.txt</c>, <c>x.3.txt</c>…</summary>
    private static IEnumerable<string> Targets(string path, string folder)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        yield return Path.Combine(folder, Path.GetFileName(path));
        for (var n = 2; ; n++)
        {
            yield return Path.Combine(folder, FormattableString.Invariant($"{name}.{n}{extension}"));
        }
    }

    private static string MoveWithDotNet(string path, string folder)
    {
        var kind = InboxFileCheck.Look(path);
        if (kind == InboxFileCheck.Kind.Missing)
        {
            throw Gone(path, folder);
        }

        // A link to a folder moves as a folder does, as .NET sees it.
        var isFolder = kind == InboxFileCheck.Kind.Directory || (kind == InboxFileCheck.Kind.SymbolicLink && Directory.Exists(path));
        Directory.CreateDirectory(folder);
        foreach (var target in Targets(path, folder))
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
                        throw Gone(path, folder, e);
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
                    throw Gone(path, folder);
                }
                catch (IOException)
                {
                    // Someone took the name between the look and the move: try the next one.
                }
            }
        }

        throw new UnreachableException();
    }

    /// <summary>What a move says when its file left first: another worker on this inbox took it.</summary>
    private static FileNotFoundException Gone(string path, string folder, Exception? cause = null) =>
        new($"{path} was gone before it could be moved into {folder}.", path, cause);

    /// <summary>Whether the name is taken, by anything: a dangling link too.</summary>
    private static bool Exists(string path) => InboxFileCheck.Look(path) != InboxFileCheck.Kind.Missing;

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
