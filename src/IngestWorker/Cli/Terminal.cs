using Spectre.Console;

namespace IngestWorker.Cli;

/// <summary>Tables for people on a terminal; plain, wide text when the output goes to a file or a pipe.</summary>
internal static class Terminal
{
    private const int RedirectedWidth = 180;

    public static void Configure()
    {
        if (!Console.IsOutputRedirected)
        {
            return;
        }

        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        AnsiConsole.Profile.Width = RedirectedWidth;
    }
}
