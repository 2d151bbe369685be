using System.CommandLine;
using System.Globalization;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Cli;

/// <summary>Options several verbs share; each verb gets its own instances.</summary>
internal static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "Folder of the embedded PostgreSQL, used when no --db is given [default: .ingest]",
        HelpName = "DIR",
    };

    public static Option<string?> Db() => new("--db")
    {
        Description = "Connection string of a PostgreSQL server to use instead of the embedded one (or set INGEST_DB)",
        HelpName = "CONN",
    };

    public static Option<string?> Rules() => new("--rules")
    {
        Description = "Extraction rules file (YAML) replacing the built-in rules; see `IngestWorker rules`",
        HelpName = "FILE",
    };

    /// <summary>The size limit of a file, the same for the inbox and for <c>extract</c>.</summary>
    public static Option<int> MaxFileMb()
    {
        var option = new Option<int>("--max-file-mb")
        {
            Description = "Files larger than this are rejected unread",
            DefaultValueFactory = _ => (int)(new IngestWorker.Inbox.InboxOptions().MaxFileBytes / (1024 * 1024)),
            HelpName = "MB",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--max-file-mb must be at least 1.");
            }
        });
        return option;
    }

    public static Option<bool> Json() => new("--json") { Description = "Print JSON for machines instead of a table" };

    public static Option<string?> Inbox() => new("--inbox")
    {
        Description = "Folder where articles are dropped [default: inbox]",
        HelpName = "DIR",
    };

    /// <summary>An option that takes one of the words the claims contract spells a <typeparamref name="TEnum"/> with; any other word is refused with the words it takes.</summary>
    public static Option<TEnum?> ContractWord<TEnum>(string name, string description, string helpName)
        where TEnum : struct, Enum => new(name)
    {
        Description = $"{description}: {ContractWords<TEnum>.Listed}",
        HelpName = helpName,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (ContractWords<TEnum>.TryParse(text, out var member))
            {
                return member;
            }

            result.AddError($"{name} takes one of: {ContractWords<TEnum>.Listed}; not '{text}'.");
            return null;
        },
    };

    public static Option<DateOnly?> KnownAt() => new("--known-at")
    {
        Description = "Answer as it would have been given on this date (YYYY-MM-DD): only articles published (or received, when undated) by then",
        HelpName = "DATE",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            result.AddError($"--known-at takes a date as YYYY-MM-DD, not '{text}'.");
            return null;
        },
    };
}
