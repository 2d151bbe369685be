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

    /// <summary>What the name is, the link itself and not its target.</summary>
    public static Kind Look(string path)
    {
        if (Posix.Available && Posix.LStatMode(path) is { } mode)
        {
            return mode < 0 ? Kind.Missing : KindOf(mode);
        }

        // Elsewhere: .NET's own look, which reports a link as a reparse point without following it.
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || (info.Exists && info.Attributes.HasFlag(FileAttributes.ReparsePoint)))
        {
            return Kind.SymbolicLink;
        }

        return info.Exists ? Kind.Regular : Directory.Exists(path) ? Kind.Directory : Kind.Missing;
    }

    /// <summary>
    /// When the name's status last changed (<c>ctime</c>, UTC, the link itself): set by the kernel to its own
    /// clock at every write, rename, link or change of times, and by no program. Null where it cannot be read.
    /// </summary>
    public static DateTime? StatusChangedAt(string path) => Posix.Available ? Posix.LStatChanged(path) : null;

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
        public const int Eperm = 1, Enoent = 2, Eacces = 13, Emlink = 31, Eloop = 40;

        private const int ORdonly = 0, ONonblock = 0x800, OCloexec = 0x80000;

        // struct stat is 144 bytes on x86-64 and 128 on arm64; a larger buffer leaves room either way.
        private const int StatBufferSize = 256;

        // Where st_ctim (seconds, then nanoseconds) sits in struct stat, on x86-64 and arm64 alike.
        private const int ChangedOffset = 104;

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

        /// <returns>The mode, -1 when the name does not exist, null when the call could not be made.</returns>
        public static int? LStatMode(string path)
        {
            var buffer = new byte[StatBufferSize];
            return Call(() => LStat(PathBytes(path), buffer) == 0 ? ModeIn(buffer)
                : Marshal.GetLastPInvokeError() is Enoent or 20 /* ENOTDIR */ ? -1 : (int?)null);
        }

        /// <returns>st_ctim, which sits at the same place on both architectures; null when the name is gone or the call could not be made.</returns>
        public static DateTime? LStatChanged(string path)
        {
            var buffer = new byte[StatBufferSize];
            if (Call(() => LStat(PathBytes(path), buffer) == 0 ? 0 : null) is null)
            {
                return null;
            }

            var seconds = BitConverter.ToInt64(buffer, ChangedOffset);
            var nanoseconds = BitConverter.ToInt64(buffer, ChangedOffset + 8);
            return DateTime.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100));
        }

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

        [DllImport("libc", EntryPoint = "geteuid")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern uint GetEffectiveUser();

        [DllImport("libc", EntryPoint = "fstat", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int FStat(SafeFileHandle fd, [Out] byte[] buffer);
    }
}
