using IngestWorker.Inbox;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Inbox;

/// <summary>How a file leaves the inbox: never over another file, into a folder made when missing.</summary>
public sealed class FileMovesTests
{
    private readonly string _folder = Paths.Scratch("file-moves");
    private readonly FileMoves _mover = new();

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_file_moves_into_a_folder_that_is_made_when_missing()
    {
        var source = Write("report.md", "new report");
        var archive = Path.Combine(_folder, "archive", "deeper");

        var moved = _mover.MoveInto(source, archive);

        Assert.Equal(Path.Combine(archive, "report.md"), moved);
        Assert.Equal("new report", File.ReadAllText(moved));
        Assert.False(File.Exists(source));
    }

    [Fact]
    public void A_taken_name_is_left_alone_and_the_file_gets_the_next_number()
    {
        var archive = Directory.CreateDirectory(Path.Combine(_folder, "archive")).FullName;
        File.WriteAllText(Path.Combine(archive, "report.md"), "first");
        File.WriteAllText(Path.Combine(archive, "report.2.md"), "second");
        var source = Write("report.md", "third");

        var moved = _mover.MoveInto(source, archive);

        Assert.Equal(Path.Combine(archive, "report.3.md"), moved);
        Assert.Equal(["first", "second", "third"], new[] { "report.md", "report.2.md", "report.3.md" }.Select(n => File.ReadAllText(Path.Combine(archive, n))));
    }

    [Fact]
    public void A_link_at_the_target_takes_the_name_even_when_it_leads_nowhere()
    {
        var archive = Directory.CreateDirectory(Path.Combine(_folder, "archive")).FullName;
        File.CreateSymbolicLink(Path.Combine(archive, "report.md"), Path.Combine(_folder, "nowhere.md"));
        var source = Write("report.md", "text");

        var moved = _mover.MoveInto(source, archive);

        Assert.Equal(Path.Combine(archive, "report.2.md"), moved);
        Assert.NotNull(new FileInfo(Path.Combine(archive, "report.md")).LinkTarget);
    }

    [Fact]
    public void A_folder_moves_whole()
    {
        var dropped = Directory.CreateDirectory(Path.Combine(_folder, "a-folder")).FullName;
        File.WriteAllText(Path.Combine(dropped, "inside.md"), "inside");

        var moved = _mover.MoveInto(dropped, Path.Combine(_folder, "rejected"));

        Assert.Equal("inside", File.ReadAllText(Path.Combine(moved, "inside.md")));
        Assert.False(Directory.Exists(dropped));
    }

    [Fact]
    public void A_file_gone_before_its_move_is_said_to_be_gone_and_nothing_is_made()
    {
        var archive = Path.Combine(_folder, "archive");

        Assert.Throws<FileNotFoundException>(() => _mover.MoveInto(Path.Combine(_folder, "taken-by-another.md"), archive));
        Assert.False(Directory.Exists(archive));
    }
}
