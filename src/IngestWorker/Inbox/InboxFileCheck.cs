using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace IngestWorker.Inbox;

/// <summary>
/// Looks at and opens an inbox file so that only a regular file is ever read. Looking at a name first and
/// opening it after leaves a gap in which the name can become a link (to /etc/shadow) or a pipe (whose open
/// waits for a writer forever); on Linux the open itself therefore refuses to follow a link and to wait
/// (O_NOFOLLOW | O_NONBLOCK), and what was opened is checked through its handle (fstat) to be a regular file.
/// </summary>
internal static class InboxFileCheck
{
    /// <summary>What a file is when looked at without following a link (lstat).</summary>
    public enum Kind
    {
        Missing,
        Regular,
        Directory,
        SymbolicLink,
        Pipe,
        Socket,
        Device,
        Unknown,
    }

    /// <summary>What a name is, its size and its times, the link itself and not its target.</summary>
    /// <param name="Length">Its size in bytes; 0 for a folder, -1 when the name does not exist.</param>
    /// <param name="ChangedAt">
    /// When its status last changed (<c>ctime</c>, UTC): set by the kernel to its own clock at every write, rename, link
    /// or change of times, and by no program. Null where it cannot be read.
    /// </param>
    public readonly record struct Status(Kind Kind, long Length, DateTime WrittenAt, DateTime? ChangedAt)
    {
        public static readonly Status Missing = new(Kind.Missing, -1, default, null);
    }

    /// <summary>
    /// The name's <see cref="Status"/>, from one <c>lstat</c> on Linux: the inbox looks at each file several times
    /// (when listed, before it is read, before it is moved), and in a folder of thousands of names each look is a
    /// lookup in the kernel, which .NET's own looks make two or three of.
    /// </summary>
    public static Status StatusOf(string path)
    {
        if (Posix.Available && Posix.LStat(path) is { } status)
        {
            return status;
        }

        // Elsewhere: .NET's own look, which reports a link as a reparse point without following it.
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || (info.Exists && info.Attributes.HasFlag(FileAttributes.ReparsePoint)))
        {
            return new Status(Kind.SymbolicLink, info.Exists ? info.Length : 0, info.LastWriteTimeUtc, null);
        }

        if (info.Exists)
        {
            return new Status(Kind.Regular, info.Length, info.LastWriteTimeUtc, null);
        }

        return Directory.Exists(path) ? new Status(Kind.Directory, 0, Directory.GetLastWriteTimeUtc(path), null) : Status.Missing;
    }

    /// <summary>What the name is, the link itself and not its target.</summary>
    public static Kind Look(string path) => StatusOf(path).Kind;

    /// <summary>What became of <see cref="RenameNoReplace"/>.</summary>
    public enum Rename
    {
        Done,

        /// <summary>The new name is taken: nothing was moved.</summary>
        NameTaken,

        /// <summary>The file or the folder it was to go into does not exist: nothing was moved.</summary>
        NotFound,

        /// <summary>The system or file system cannot rename this way (or the two names are on different file systems): use .NET's move.</summary>
        Unsupported,
    }

    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> unless <paramref name="to"/> exists, in one call that no
    /// other process can come between (<c>renameat2</c> with <c>RENAME_NOREPLACE</c>): .NET's move without overwriting
    /// looks at the target first and then renames.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">Not allowed.</exception>
    /// <exception cref="IOException">Any other failure (a full disk, a read-only file system), with the system's error number as its HResult.</exception>
    public static Rename RenameNoReplace(string from, string to)
    {
        if (!Posix.Available || Posix.RenameNoReplace(from, to) is not { } errno)
        {
            return Rename.Unsupported;
        }

        return errno switch
        {
            0 => Rename.Done,
            Posix.Eexist => Rename.NameTaken,
            Posix.Enoent => Rename.NotFound,
            Posix.Exdev or Posix.Einval or Posix.Enosys or Posix.Eopnotsupp => Rename.Unsupported,
            Posix.Eacces or Posix.Eperm => throw new UnauthorizedAccessException($"Moving {from} to {to} was not allowed (permission denied)."),
            _ => throw new IOException($"{from} could not be moved to {to} (error {errno}).", errno),
        };
    }

    /// <summary>The sentence a refused file's reason gives for what it is; null for a regular file.</summary>
    public static string? RefusalFor(Kind kind, string path) => kind switch
    {
        Kind.Regular => null,
        Kind.Missing => "the file was gone before it could be read.",
        Kind.Directory => "it is a folder; the inbox takes regular files only.",
        Kind.SymbolicLink => $"it is a symbolic link (to {new FileInfo(path).LinkTarget}); the inbox takes regular files only, and did not follow it.",
        Kind.Pipe => "it is a named pipe (FIFO); the inbox takes regular files only, and did not open it.",
        Kind.Socket => "it is a socket; the inbox takes regular files only, and did not open it.",
        Kind.Device => "it is a device; the inbox takes regular files only, and did not open it.",
        _ => "it is not a regular file; the inbox takes regular files only, and did not open it.",
    };

    /// <summary>
    /// Opens a regular file for reading without following a link and without waiting on a pipe.
    /// </summary>
    /// <returns>The open handle, or null with the reason in <paramref name="refusal"/> (nothing was read).</returns>
    public static SafeFileHandle? OpenRegular(string path, out string? refusal) => OpenRegular(path, refuseHardLinks: false, refuseOtherOwners: false, out refusal);

    /// <summary>
    /// Opens a regular file as <see cref="OpenRegular(string, out string?)"/> does, and can also refuse one with
    /// more than one name (a hard link made in the inbox to a file the worker may read but its dropper may
    /// not) or one that belongs to another user than the worker's.
    /// </summary>
    public static SafeFileHandle? OpenRegular(string path, bool refuseHardLinks, bool refuseOtherOwners, out string? refusal)
    {
        if (!Posix.Available)
        {
            // No O_NOFOLLOW here: look, open, and look again, so a swap is at least seen.
            refusal = RefusalFor(Look(path), path);
            if (refusal is not null)
            {
                return null;
            }

            var opened = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            refusal = RefusalFor(Look(path), path);
            if (refusal is null)
            {
                return opened;
            }

            opened.Dispose();
            return null;
        }

        var handle = Posix.OpenNoFollow(path, out var errno);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            refusal = errno switch
            {
                // What O_NOFOLLOW answers when the name is a link (some systems say EMLINK).
                Posix.Eloop or Posix.Emlink => RefusalFor(Kind.SymbolicLink, path),
                Posix.Enoent => RefusalFor(Kind.Missing, path),
                Posix.Eacces or Posix.Eperm => "the file could not be read (permission denied).",
                _ => $"the file could not be opened (error {errno}).",
            };
            return null;
        }

        var status = Posix.FStat(handle);
        refusal = RefusalFor(status is { } known ? KindOf(known.Mode) : Kind.Unknown, path)
            ?? (status is { Links: > 1 } linked && refuseHardLinks
                ? FormattableString.Invariant($"it has {linked.Links} names (hard links), and a name made in the inbox for a file elsewhere could show what its dropper may not read; copy the file in instead, or start the worker with --allow-hard-links.")
                : null)
            ?? (status is { } owned && refuseOtherOwners && owned.Owner != Posix.EffectiveUser
                ? FormattableString.Invariant($"it belongs to user {owned.Owner}, not to the user the worker runs as ({Posix.EffectiveUser}); start the worker with --allow-other-owners to take such files.")
                : null);
        if (refusal is null)
        {
            return handle;
        }

        handle.Dispose();
        return null;
    }

    /// <summary>What fstat says of an open file: its type and permissions, its number of names, its owner.</summary>
    private readonly record struct FileStatus(int Mode, long Links, uint Owner);

    private static Kind KindOf(int mode) => (mode & Posix.SIfmt) switch
    {
        Posix.SIfreg => Kind.Regular,
        Posix.SIfdir => Kind.Directory,
        Posix.SIflnk => Kind.SymbolicLink,
        Posix.SIfifo => Kind.Pipe,
        Posix.SIfsock => Kind.Socket,
        Posix.SIfchr or Posix.SIfblk => Kind.Device,
        _ => Kind.Unknown,
    };

    /// <summary>
    /// The few libc calls .NET does not expose (it has no O_NOFOLLOW and no file type from a handle), for the
    /// Linux architectures whose flag values and <c>struct stat</c> layout are known here.
    /// </summary>
    private static class Posix
    {
        public const int SIfmt = 0xF000, SIfsock = 0xC000, SIflnk = 0xA000, SIfreg = 0x8000, SIfblk = 0x6000, SIfdir = 0x4000, SIfchr = 0x2000, SIfifo = 0x1000;
        public const int Eperm = 1, Enoent = 2, Eacces = 13, Eexist = 17, Exdev = 18, Einval = 22, Emlink = 31, Enosys = 38, Eloop = 40, Eopnotsupp = 95;

        private const int ORdonly = 0, ONonblock = 0x800, OCloexec = 0x80000;

        // struct stat is 144 bytes on x86-64 and 128 on arm64; a larger buffer leaves room either way.
        private const int StatBufferSize = 256;

        // Where st_size, st_mtim and st_ctim (seconds, then nanoseconds) sit in struct stat, on x86-64 and arm64 alike.
        private const int SizeOffset = 48, WrittenOffset = 88, ChangedOffset = 104;

        private const int AtFdcwd = -100;
        private const uint RenameNoreplace = 1;

        // Where st_mode, st_nlink (8 bytes on x86-64, 4 on arm64) and st_uid sit in struct stat.
        private static readonly (int NoFollow, int ModeOffset, int LinksOffset, bool LinksAreLong, int OwnerOffset)? Layout =
            !OperatingSystem.IsLinux() ? null : RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => (0x20000, 24, 16, true, 28),
                Architecture.Arm64 => (0x8000, 16, 20, false, 24),
                _ => null,
            };

        private static bool _unusable;

        public static bool Available => Layout is not null && !_unusable;

        /// <returns>What lstat says of the name (<see cref="Status.Missing"/> when it does not exist); null when the call could not be made.</returns>
        public static Status? LStat(string path)
        {
            var buffer = new byte[StatBufferSize];
            var result = Call(() => LStat(PathBytes(path), buffer) == 0 ? 0 : Marshal.GetLastPInvokeError() is Enoent or 20 /* ENOTDIR */ ? -1 : null);
            if (result is not { } found)
            {
                return null;
            }

            if (found < 0)
            {
                return Status.Missing;
            }

            var kind = KindOf(ModeIn(buffer));
            return new Status(kind, kind == Kind.Directory ? 0 : BitConverter.ToInt64(buffer, SizeOffset), TimeAt(buffer, WrittenOffset), TimeAt(buffer, ChangedOffset));
        }

        /// <returns>0 once renamed, else the error number; null when the call could not be made.</returns>
        public static int? RenameNoReplace(string from, string to) =>
            Call(() => RenameAt2(AtFdcwd, PathBytes(from), AtFdcwd, PathBytes(to), RenameNoreplace) == 0 ? 0 : Marshal.GetLastPInvokeError());

        /// <summary>A <c>struct timespec</c> (seconds, then nanoseconds) as a UTC time, as .NET reads file times.</summary>
        private static DateTime TimeAt(byte[] buffer, int offset) =>
            DateTime.UnixEpoch.AddTicks((BitConverter.ToInt64(buffer, offset) * TimeSpan.TicksPerSecond) + (BitConverter.ToInt64(buffer, offset + 8) / 100));

        /// <summary>The user this process acts as, whom the files it takes should belong to.</summary>
        public static uint EffectiveUser => GetEffectiveUser();

        /// <summary>What the open file is, how many names it has, and whose it is; null when the call could not be made.</summary>
        public static FileStatus? FStat(SafeFileHandle handle)
        {
            var buffer = new byte[StatBufferSize];
            var layout = Layout!.Value;
            var mode = Call(() => FStat(handle, buffer) == 0 ? ModeIn(buffer) : (int?)null);
            return mode is null ? null : new FileStatus(
                mode.Value,
                layout.LinksAreLong ? BitConverter.ToInt64(buffer, layout.LinksOffset) : BitConverter.ToUInt32(buffer, layout.LinksOffset),
                BitConverter.ToUInt32(buffer, layout.OwnerOffset));
        }

        public static SafeFileHandle OpenNoFollow(string path, out int errno)
        {
            var fd = Open(PathBytes(path), ORdonly | ONonblock | OCloexec | Layout!.Value.NoFollow);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        private static int? Call(Func<int?> call)
        {
            try
            {
                return call();
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // An old or unusual libc: fall back to .NET's own look and open for the rest of the run.
                _unusable = true;
                return null;
            }
        }

        private static int ModeIn(byte[] buffer) => BitConverter.ToInt32(buffer, Layout!.Value.ModeOffset);

        private static byte[] PathBytes(string path) => Encoding.UTF8.GetBytes(path + '\0');

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Open(byte[] path, int flags);

        [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int LStat(byte[] path, [Out] byte[] buffer);

        [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int RenameAt2(int fromFolder, byte[] from, int toFolder, byte[] to, uint flags);

        [DllImport("libc", EntryPoint = "geteuid")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern uint GetEffectiveUser();

        [DllImport("libc", EntryPoint = "fstat", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int FStat(SafeFileHandle fd, [Out] byte[] buffer);
    }
}
