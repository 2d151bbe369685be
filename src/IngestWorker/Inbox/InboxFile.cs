using IngestWorker.Core.Articles;

namespace IngestWorker.Inbox;

/// <summary>
/// Reads a file of the inbox safely: regular files only, looked at without following links; never more
/// than the size limit, whatever the file claims; and what it looked like when read, so a file that
/// changes before it is moved is left for the next scan instead of being archived half-read.
/// </summary>
internal static class InboxFile
{
    /// <summary>The bytes of a file and its size and time when they were read.</summary>
    public sealed record Content(byte[] Bytes, DateTime WrittenAt);

    /// <summary>Why a file is not taken: a sentence for people and its code.</summary>
    public sealed record Refusal(string Reason, RejectionCode Code);

    /// <summary>The file was gone before it could be read: another worker on the same inbox took it.</summary>
    public sealed record Vanished
    {
        public static readonly Vanished Instance = new();
    }

    /// <summary>What may be read.</summary>
    /// <param name="MaxBytes">The largest file read; a larger one is refused unread.</param>
    /// <param name="FollowLinks">A symbolic link is followed to where it ends (for files a user names on the command line, never for the inbox).</param>
    /// <param name="RefuseHardLinks">A file with more than one name is refused.</param>
    /// <param name="RefuseOtherOwners">A file that belongs to another user than the worker's is refused.</param>
    public sealed record Limits(long MaxBytes, bool FollowLinks = false, bool RefuseHardLinks = false, bool RefuseOtherOwners = false);

    /// <returns>The file's <see cref="Content"/>, <see cref="Vanished"/>, or the reason it is not taken (a string).</returns>
    public static object Read(string path, long maxBytes, CancellationToken ct) => Read(path, new Limits(maxBytes), ct);

    /// <summary>
    /// Reads the file on the calling thread. A local file's bytes come from the page cache at once; .NET's
    /// asynchronous file reads on Linux only hand each read to another thread of the pool, and the inbox reads
    /// its files on every core already. <paramref name="ct"/> is looked at between reads.
    /// </summary>
    /// <returns>The file's <see cref="Content"/>, <see cref="Vanished"/>, or the reason it is not taken (a string).</returns>
    public static object Read(string path, Limits limits, CancellationToken ct)
    {
        if (limits.FollowLinks && InboxFileCheck.Look(path) == InboxFileCheck.Kind.SymbolicLink)
        {
            // Where the link ends is what is checked and opened; a link to a device or a pipe is refused as one.
            path = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }

        // What the name is, without following a link or opening it: a link could show anything on the machine
        // (/etc/shadow) or never end (/dev/zero), and opening a pipe waits for a writer.
        var file = InboxFileCheck.StatusOf(path);
        if (file.Kind == InboxFileCheck.Kind.Missing)
        {
            return Vanished.Instance;
        }

        var refusal = InboxFileCheck.RefusalFor(file.Kind, path);
        if (refusal is not null)
        {
            return new Refusal(refusal, RejectionCode.NotAFileToRead);
        }

        if (file.Length == 0)
        {
            return new Refusal("the file is empty.", RejectionCode.Empty);
        }

        if (file.Length > limits.MaxBytes)
        {
            return new Refusal(FormattableString.Invariant($"the file is {file.Length:N0} bytes, over the limit of {limits.MaxBytes:N0} bytes."), RejectionCode.TooLarge);
        }

        var writtenAt = file.WrittenAt;

        // The open itself follows no link and waits on no pipe, and checks what it opened: the name may have
        // been swapped since it was looked at.
        var handle = InboxFileCheck.OpenRegular(path, limits.RefuseHardLinks, limits.RefuseOtherOwners, out refusal);
        if (handle is null)
        {
            return InboxFileCheck.Look(path) == InboxFileCheck.Kind.Missing ? Vanished.Instance : new Refusal(refusal!, RejectionCode.NotAFileToRead);
        }

        using var opened = handle;

        // Read up to one byte past the limit, whatever the size said: a file that grows is still bounded. The buffer
        // starts one byte past the size looked at, so a file read whole ends on a read of nothing, and grows only for a
        // file that grew meanwhile; it is not cleared first, as every byte kept is one read.
        var buffer = GC.AllocateUninitializedArray<byte>((int)Math.Min(limits.MaxBytes + 1, file.Length + 1));
        var read = 0;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (buffer.Length > limits.MaxBytes)
                {
                    return new Refusal(FormattableString.Invariant($"the file grew past the limit of {limits.MaxBytes:N0} bytes while it was read."), RejectionCode.TooLarge);
                }

                Array.Resize(ref buffer, (int)Math.Min(limits.MaxBytes + 1, buffer.Length * 2L));
            }

            ct.ThrowIfCancellationRequested();
            var n = RandomAccess.Read(opened, buffer.AsSpan(read), read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return new Content(buffer[..read], writtenAt);
    }

    /// <summary>A file's size and time when it was looked at; a symbolic link's own, not its target's; a folder's size is 0.</summary>
    /// <returns>A length of -1 when the name does not exist.</returns>
    public static (long Length, DateTime WrittenAt) Look(string path)
    {
        var status = InboxFileCheck.StatusOf(path);
        return (status.Length, status.WrittenAt);
    }
}
