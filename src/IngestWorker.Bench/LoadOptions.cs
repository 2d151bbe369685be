using System.CommandLine;

namespace IngestWorker.Bench;

/// <summary>The bench's options for the load run.</summary>
internal sealed record LoadOptions(Option<bool> Load, Option<int> Articles, Option<int> Clients, Option<int> Seconds);
