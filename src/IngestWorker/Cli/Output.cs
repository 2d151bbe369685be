using System.Text.Encodings.Web;
using System.Text.Json;

namespace IngestWorker.Cli;

/// <summary>How verbs print for machines.</summary>
internal static class Output
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Json<T>(T value)
    {
        Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
        return 0;
    }
}
