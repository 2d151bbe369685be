using Spectre.Console;

namespace IngestWorker.Answers;

/// <summary>
/// Tables for people on a terminal; plain, wide text when the output goes to a file or a pipe. Made at the first
/// table or line a verb prints, so that Spectre.Console is loaded by the verbs that print with it and not at every
/// start of the worker, whose <c>run</c> prints none (docs/performance.md, "Start").
/// </summary>
internal static class Terminal
{
    private const int RedirectedWidth = 180;

    private static readonly Lazy<IAnsiConsole> Configured = new(Create);

    /// <summary>Where verbs print tables and marked-up lines.</summary>
    public static IAnsiConsole Out => Configured.Value;

    private static IAnsiConsole Create()
    {
        if (!Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = RedirectedWidth;
        return console;
    }
}
