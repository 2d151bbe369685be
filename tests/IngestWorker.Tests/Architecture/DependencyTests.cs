using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Architecture;

/// <summary>
/// The worker's namespaces depend one way: host (Api, Cli, Hosting) → Inbox, the slices, Replay → the read-model
/// framework and the event log → Core. Read from the compiled worker, so a reference added anywhere counts.
/// </summary>
public sealed class DependencyTests
{
    private static readonly string[] Slices = ["Articles", "Troops", "Bases", "Status", "Copies"];
    private static readonly string[] Host = ["Api", "Cli", "Hosting"];
    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Worker = NamespaceGraph.Of(typeof(Hosting.WorkerApp).Assembly.Location);

    [Fact]
    public void The_worker_namespaces_form_no_cycle() =>
        Assert.Empty(DependencyCycles.Find(Worker).Select(cycle => string.Join(" ↔ ", cycle)));

    [Fact]
    public void Slices_use_one_another_only_through_Copies()
    {
        foreach (var slice in Slices)
        {
            var others = Slices.Where(other => other != slice && other != "Copies").Select(Full);
            Assert.Empty(Uses(slice).Intersect(others));
        }

        Assert.Empty(Uses("Copies").Intersect(Slices.Select(Full)));
    }

    [Fact]
    public void Slices_Replay_and_the_event_log_never_use_the_host_and_the_slices_never_use_Replay_or_Inbox()
    {
        var above = Host.Select(Full).ToList();
        foreach (var layer in Slices.Concat(["Replay", "Inbox", "Claims", "Answers", "Projections", "EventStore"]))
        {
            Assert.Empty(Uses(layer).Intersect(above));
        }

        foreach (var slice in Slices)
        {
            Assert.Empty(Uses(slice).Intersect([Full("Replay"), Full("Inbox")]));
        }

        foreach (var framework in new[] { "Projections", "EventStore", "Claims" })
        {
            Assert.Empty(Uses(framework).Intersect(Slices.Append("Replay").Select(Full)));
        }
    }

    [Fact]
    public void The_cycle_finder_finds_a_made_up_cycle_and_none_in_a_chain()
    {
        var knot = Graph(("A", "B"), ("B", "C"), ("C", "A"), ("D", "A"), ("E", "E"));
        Assert.Equal(["A", "B", "C"], Assert.Single(DependencyCycles.Find(knot)));

        var chain = Graph(("Host", "Slice"), ("Slice", "Log"), ("Host", "Log"));
        Assert.Empty(DependencyCycles.Find(chain));
    }

    [Fact]
    public void Only_LogSql_names_a_table_of_Martens_own()
    {
        var worker = Path.Combine(Paths.RepositoryRoot, "src", "IngestWorker");
        var naming = WorkerSources(worker)
            .Where(file => File.ReadAllText(file).Contains(".mt_", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(worker, file));
        Assert.Equal([Path.Combine("EventStore", "LogSql.cs")], naming);
    }

    [Fact]
    public void Rows_are_read_by_column_name_never_by_position()
    {
        // GetString(0), GetInt64(4), GetFieldValue<DateOnly>(3), IsDBNull(1): a number where a column's name belongs.
        var positional = new System.Text.RegularExpressions.Regex(@"\b(Get[A-Za-z0-9]*(<[^>]+>)?|IsDBNull(Async)?)\(\s*[0-9]");
        var worker = Path.Combine(Paths.RepositoryRoot, "src", "IngestWorker");
        var reads = WorkerSources(worker)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => positional.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(worker, x.file)}:{x.i + 1}: {x.line.Trim()}");
        Assert.Empty(reads);
    }

    private static IEnumerable<string> WorkerSources(string worker) =>
        Directory.EnumerateFiles(worker, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Full(string name) => "IngestWorker." + name;

    private static IReadOnlySet<string> Uses(string name) => Worker.GetValueOrDefault(Full(name)) ?? new HashSet<string>();

    private static Dictionary<string, IReadOnlySet<string>> Graph(params (string From, string To)[] edges) =>
        edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(e => e.To).ToHashSet(), StringComparer.Ordinal);
}
