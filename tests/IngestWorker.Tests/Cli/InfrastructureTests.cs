using IngestWorker.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace IngestWorker.Tests.Cli;

/// <summary>
/// These machines have no Docker engine, so the compose file cannot be run here; what can be checked is
/// that it is valid YAML wired the way the README says, and that what it builds from exists.
/// </summary>
public sealed class InfrastructureTests
{
    [Fact]
    public void The_compose_file_runs_postgres_and_a_worker_built_from_infra_with_a_mounted_inbox()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docker-compose.yml"))));
        var services = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["services"];

        var postgres = (YamlMappingNode)services["postgres"];
        Assert.StartsWith("postgres:", ((YamlScalarNode)postgres["image"]).Value, StringComparison.Ordinal);

        var worker = (YamlMappingNode)services["worker"];
        var build = (YamlMappingNode)worker["build"];
        var dockerfile = Path.Combine(Paths.RepositoryRoot, ((YamlScalarNode)build["context"]).Value!, ((YamlScalarNode)build["dockerfile"]).Value!);
        Assert.True(File.Exists(dockerfile), $"{dockerfile} is missing");
        Assert.Contains("INGEST_DB", ((YamlMappingNode)worker["environment"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Contains(((YamlSequenceNode)worker["volumes"]).Children, v => ((YamlScalarNode)v).Value!.EndsWith(":/work/data", StringComparison.Ordinal));

        // Every path the Dockerfile copies from exists in the repository.
        foreach (var line in File.ReadAllLines(dockerfile).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)))
        {
            var sources = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
            Assert.All(sources, source => Assert.True(Path.Exists(Path.Combine(Paths.RepositoryRoot, source)), $"Dockerfile copies {source}, which does not exist"));
        }
    }
}
