namespace IngestWorker.Core.Articles;

/// <summary>
/// Why a file was not taken as an article, for counting and telling apart by (the sentence beside it is for
/// people). Stored by name in the log: a code may be added, one in use keeps its name.
/// </summary>
public enum RejectionCode
{
    /// <summary>A file ending the inbox does not take.</summary>
    UnsupportedType,

    /// <summary>The file holds nothing.</summary>
    Empty,

    /// <summary>The file holds binary data, not text.</summary>
    Binary,

    /// <summary>The text is not in the encoding it claims or the inbox assumes.</summary>
    BadEncoding,

    /// <summary>The front matter of a text or Markdown file cannot be read.</summary>
    BadFrontMatter,

    /// <summary>A JSON file that is not valid, or not an article object.</summary>
    BadJson,

    /// <summary>The file is readable but holds no article text.</summary>
    NoText,

    /// <summary>Reading it took longer than the inbox's budget.</summary>
    TooSlowToRead,

    /// <summary>Larger than the inbox's limit.</summary>
    TooLarge,

    /// <summary>Not a regular file the inbox may read (a folder, a link, a device, a pipe, one it has no permission for).</summary>
    NotAFileToRead,

    /// <summary>Reading the file failed.</summary>
    Unreadable,
}
