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

    /// <returns>The file's <see cref="Content"/>, or the <see cref="Refusal"/> of it.</returns>
    public static async Task<object> ReadAsync(string path, long maxBytes, CancellationToken ct)
    {
        // What the name is, without following a link or opening it: a link could show anything on the machine
        // (/etc/shadow) or never end (/dev/zero), and opening a pipe waits for a writer.
        var refusal = InboxFileCheck.RefusalFor(InboxFileCheck.Look(path), path);
        if (refusal is not null)
        {
            return new Refusal(refusal, RejectionCode.NotAFileToRead);
        }

        var file = new FileInfo(path);
        if (file.Length == 0)
        {
            return new Refusal("the file is empty.", RejectionCode.Empty);
        }

        if (file.Length > maxBytes)
        {
            return new Refusal(FormattableString.Invariant($"the file is {file.Length:N0} bytes, over the limit of {maxBytes:N0} bytes."), RejectionCode.TooLarge);
        }

        var writtenAt = file.LastWriteTimeUtc;

        // The open itself follows no link and waits on no pipe, and checks what it opened: the name may have
        // been swapped since it was looked at.
        var handle = InboxFileCheck.OpenRegular(path, out refusal);
        if (handle is null)
        {
            return new Refusal(refusal!, RejectionCode.NotAFileToRead);
        }

        await using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);

        // Read up to one byte past the limit, whatever the size said: a file that grows is still bounded.
        var buffer = new byte[Math.Min(maxBytes + 1, file.Length + 64 * 1024)];
        var read = 0;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (buffer.Length > maxBytes)
                {
                    return new Refusal(FormattableString.Invariant($"the file grew past the limit of {maxBytes:N0} bytes while it was read."), RejectionCode.TooLarge);
                }

                Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, buffer.Length * 2L));
            }

            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return new Content(buffer[..read], writtenAt);
    }

    /// <summary>A file's size and time when it was looked at; a symbolic link's own, not its target's.</summary>
    public static (long Length, DateTime WrittenAt) Look(string path)
    {
        try
        {
            var file = new FileInfo(path);
            return (file.Length, file.LastWriteTimeUtc);
        }
        catch (FileNotFoundException)
        {
            return (-1, default);
        }
    }
}
