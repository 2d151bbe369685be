using IngestWorker.Core.Exports;

namespace IngestWorker.Core.Tests.Exports;

public sealed class CsvTests
{
    [Fact]
    public void Fields_are_quoted_as_RFC_4180_says_and_lines_end_in_CRLF()
    {
        var text = Csv.Write(["Title", "Count"], [["Says \"no\", then yes", "2500"], ["two\nlines", null], ["plain", "1"]]);

        Assert.Equal("Title,Count\r\n\"Says \"\"no\"\", then yes\",2500\r\n\"two\nlines\",\r\nplain,1\r\n", text);
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_refused() =>
        Assert.Throws<ArgumentException>(() => Csv.Write(["a", "b"], [["only one"]]));
}
