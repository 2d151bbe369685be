using System.Diagnostics;
using System.Text;
using IngestWorker.Core.Articles;
using IngestWorker.Inbox;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Inbox;

/// <summary>
/// The open itself, as it happens when a name is swapped between being looked at and being opened: it must
/// follow no link and wait on no pipe (a plain open followed the link to the secret and hung on the pipe).
/// </summary>
public sealed class InboxFileCheckTests
{
    private readonly string _folder = Paths.Scratch("file-check");

    [Fact]
    public void Regression_the_open_does_not_follow_a_link_to_a_file_outside_the_inbox()
    {
        var secret = Path.Combine(_folder, "secret.txt");
        File.WriteAllText(secret, "SECRET");
        var link = Path.Combine(_folder, "link.txt");
        File.CreateSymbolicLink(link, secret);

        Assert.Equal(InboxFileCheck.Kind.SymbolicLink, InboxFileCheck.Look(link));
        Assert.Null(InboxFileCheck.OpenRegular(link, out var refusal));
        Assert.Contains("symbolic link", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void The_status_time_is_the_kernels_own_and_not_the_time_a_program_set()
    {
        // A copy that kept its original's time: the write time says an hour ago, the status time says now.
        var path = Path.Combine(_folder, "status.txt");
        File.WriteAllText(path, "text");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));

        var changed = InboxFileCheck.StatusOf(path).ChangedAt;

        Assert.NotNull(changed);
        Assert.InRange(changed.Value, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5));
        Assert.True(changed.Value - File.GetLastWriteTimeUtc(path) > TimeSpan.FromMinutes(55), $"status {changed:O}, written {File.GetLastWriteTimeUtc(path):O}");
        Assert.Null(InboxFileCheck.StatusOf(Path.Combine(_folder, "missing.txt")).ChangedAt);
    }

    [Fact]
    public void One_look_gives_what_dotnet_says_of_the_size_and_the_write_time_of_a_file_and_a_folder()
    {
        var path = Path.Combine(_folder, "sized.txt");
        File.WriteAllText(path, "twelve bytes");
        File.SetLastWriteTimeUtc(path, new DateTime(2025, 9, 1, 8, 30, 15, DateTimeKind.Utc).AddTicks(1234567));
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "a-folder")).FullName;

        var file = InboxFileCheck.StatusOf(path);
        var inFolder = InboxFileCheck.StatusOf(folder);

        Assert.Equal((InboxFileCheck.Kind.Regular, 12L, File.GetLastWriteTimeUtc(path)), (file.Kind, file.Length, file.WrittenAt));
        Assert.Equal((InboxFileCheck.Kind.Directory, 0L, Directory.GetLastWriteTimeUtc(folder)), (inFolder.Kind, inFolder.Length, inFolder.WrittenAt));
        Assert.Equal(InboxFileCheck.Status.Missing, InboxFileCheck.StatusOf(Path.Combine(_folder, "missing.txt")));
        Assert.Equal((-1L, default(DateTime)), InboxFile.Look(Path.Combine(_folder, "missing.txt")));
    }

    [Fact]
    public void Regression_the_open_does_not_follow_a_link_to_dev_zero()
    {
        var link = Path.Combine(_folder, "zero.txt");
        File.CreateSymbolicLink(link, "/dev/zero");

        Assert.Null(InboxFileCheck.OpenRegular(link, out var refusal));
        Assert.Contains("symbolic link", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regression_the_open_of_a_pipe_returns_at_once_refused_instead_of_waiting_for_a_writer()
    {
        var pipe = Path.Combine(_folder, "pipe.txt");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
        {
            await mkfifo.WaitForExitAsync();
        }

        Assert.Equal(InboxFileCheck.Kind.Pipe, InboxFileCheck.Look(pipe));
        Assert.Null(InboxFileCheck.OpenRegular(pipe, out var refusal));
        Assert.Contains("pipe", refusal, StringComparison.Ordinal);
        Assert.Equal(new InboxFile.Refusal(refusal!, RejectionCode.NotAFileToRead), InboxFile.Read(pipe, 1024, CancellationToken.None));
    }

    [Fact]
    public void A_character_device_is_refused_by_the_open()
    {
        // /dev/null stands for a device node dropped into the inbox (making one takes root).
        Assert.Equal(InboxFileCheck.Kind.Device, InboxFileCheck.Look("/dev/null"));
        Assert.Null(InboxFileCheck.OpenRegular("/dev/null", out var refusal));
        Assert.Contains("device", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_is_refused_with_its_reason()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "sub.txt")).FullName;

        Assert.Equal(InboxFileCheck.Kind.Directory, InboxFileCheck.Look(folder));
        Assert.Null(InboxFileCheck.OpenRegular(folder, out var refusal));
        Assert.Contains("folder", refusal, StringComparison.Ordinal);
        Assert.Equal(new InboxFile.Refusal(refusal!, RejectionCode.NotAFileToRead), InboxFile.Read(folder, 1024, CancellationToken.None));
    }

    [Fact]
    public async Task A_regular_file_is_opened_and_read_whole()
    {
        var path = Path.Combine(_folder, "real.txt");
        await File.WriteAllTextAsync(path, "About 2,500 US troops are in Iraq.");

        Assert.Equal(InboxFileCheck.Kind.Regular, InboxFileCheck.Look(path));
        using (var handle = InboxFileCheck.OpenRegular(path, out var refusal))
        {
            Assert.Null(refusal);
            Assert.NotNull(handle);
        }

        var content = Assert.IsType<InboxFile.Content>(InboxFile.Read(path, 1024, CancellationToken.None));
        Assert.Equal("About 2,500 US troops are in Iraq.", Encoding.UTF8.GetString(content.Bytes));
    }

    [Fact]
    public void A_missing_file_is_refused_as_gone()
    {
        var path = Path.Combine(_folder, "gone.txt");

        Assert.Equal(InboxFileCheck.Kind.Missing, InboxFileCheck.Look(path));
        Assert.Null(InboxFileCheck.OpenRegular(path, out var refusal));
        Assert.Contains("gone", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regression_a_file_gone_before_it_is_read_is_vanished_not_refused()
    {
        // Another worker on the same inbox moved it: recording it as rejected made 1,002 events of 1,000 files.
        var looked = InboxFile.Read(Path.Combine(_folder, "taken.txt"), 1024, CancellationToken.None);
        Assert.IsType<InboxFile.Vanished>(looked);
    }

    [Fact]
    public async Task Regression_a_hard_link_is_refused_unless_allowed()
    {
        var outside = Path.Combine(_folder, "outside.txt");
        await File.WriteAllTextAsync(outside, "SECRET About 2,500 US troops are in Iraq.");
        var link = Path.Combine(_folder, "linked.txt");
        Link(outside, link);

        var refused = InboxFile.Read(link, new InboxFile.Limits(1024, RefuseHardLinks: true), CancellationToken.None);
        var allowed = InboxFile.Read(link, new InboxFile.Limits(1024, RefuseHardLinks: false), CancellationToken.None);

        Assert.Contains("2 names (hard links)", Assert.IsType<InboxFile.Refusal>(refused).Reason, StringComparison.Ordinal);
        Assert.IsType<InboxFile.Content>(allowed);
    }

    [Fact]
    public async Task Regression_a_file_of_another_user_is_refused_unless_allowed()
    {
        var path = Path.Combine(_folder, "theirs.txt");
        await File.WriteAllTextAsync(path, "About 2,500 US troops are in Iraq.");
        var owner = Environment.UserName == "root" ? "nobody" : null;
        if (owner is null)
        {
            // Only root can give a file away; elsewhere a file of our own must simply be taken.
            Assert.IsType<InboxFile.Content>(InboxFile.Read(path, new InboxFile.Limits(1024, RefuseOtherOwners: true), CancellationToken.None));
            return;
        }

        Run("chown", owner, path);

        var refused = InboxFile.Read(path, new InboxFile.Limits(1024, RefuseOtherOwners: true), CancellationToken.None);
        var allowed = InboxFile.Read(path, new InboxFile.Limits(1024, RefuseOtherOwners: false), CancellationToken.None);

        Assert.Contains("belongs to user", Assert.IsType<InboxFile.Refusal>(refused).Reason, StringComparison.Ordinal);
        Assert.IsType<InboxFile.Content>(allowed);
    }

    private static void Link(string existing, string link) => Run("ln", existing, link);

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
