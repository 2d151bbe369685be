using IngestWorker.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace IngestWorker.Tests.Cli;

/// <summary>
/// The compose file runs for real in CI (infra/compose-smoke.sh, with podman); what is checked here, on any
/// machine, is that it is valid YAML wired the way the README says, and that what it builds from exists.
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
        Assert.StartsWith("postgres:", DefaultOf(((YamlScalarNode)postgres["image"]).Value!), StringComparison.Ordinal);

        var worker = (YamlMappingNode)services["worker"];
        var build = (YamlMappingNode)worker["build"];
        var dockerfile = Path.Combine(Paths.RepositoryRoot, ((YamlScalarNode)build["context"]).Value!, ((YamlScalarNode)build["dockerfile"]).Value!);
        Assert.True(File.Exists(dockerfile), $"{dockerfile} is missing");
        Assert.Contains("INGEST_DB", ((YamlMappingNode)worker["environment"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Contains(((YamlSequenceNode)worker["volumes"]).Children, v => ((YamlScalarNode)v).Value!.EndsWith(":/work/data", StringComparison.Ordinal));
        Assert.Contains(((YamlSequenceNode)((YamlMappingNode)worker["healthcheck"])["test"]).Children, part => ((YamlScalarNode)part).Value == "ingest-ready");
        Assert.Contains("/health/ready", File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "infra", "ready.sh")), StringComparison.Ordinal);

        // Every path the Dockerfile copies from exists in the repository.
        foreach (var line in File.ReadAllLines(dockerfile).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)))
        {
            var sources = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
            Assert.All(sources, source => Assert.True(Path.Exists(Path.Combine(Paths.RepositoryRoot, source)), $"Dockerfile copies {source}, which does not exist"));
        }
    }

    [Fact]
    public void The_Dockerfile_takes_its_base_images_as_build_arguments_that_default_to_the_official_NET_images()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Paths.RepositoryRoot, "infra", "Dockerfile"));

        Assert.Contains("ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0", dockerfile);
        Assert.Contains("ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile);
        Assert.Equal(["FROM ${SDK_IMAGE} AS build", "FROM ${RUNTIME_IMAGE}"], dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Regression_the_build_context_leaves_out_data_builds_and_the_embedded_server()
    {
        var ignored = File.ReadAllLines(Path.Combine(Paths.RepositoryRoot, ".dockerignore")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.All(new[] { ".ingest/", "**/bin/", "**/obj/", "inbox/", "archive/", "rejected/", "data/", ".git/" },
            pattern => Assert.Contains(pattern, ignored));
    }

    [Fact]
    public async Task Regression_the_image_without_INGEST_DB_says_in_one_line_that_it_needs_one_instead_of_starting_a_server()
    {
        // The image sets INGEST_REQUIRE_DB and no INGEST_DB.
        var dockerfile = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "infra", "Dockerfile"));
        Assert.Contains("ENV INGEST_REQUIRE_DB=1", dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain("ENV INGEST_DB", dockerfile, StringComparison.Ordinal);

        // What the worker then does, as `docker run` of the image alone would.
        var folder = Paths.Scratch("image");
        var result = await CommandLine.RunWithAsync(new Dictionary<string, string> { ["INGEST_REQUIRE_DB"] = "1" }, folder, "run");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("INGEST_DB", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, ".ingest")), "no embedded server was set up");
    }

    /// <summary>What a compose value is when its variables are not set: <c>${NAME:-default}</c> gives its default.</summary>
    private static string DefaultOf(string value) =>
        value.StartsWith("${", StringComparison.Ordinal) && value.IndexOf(":-", StringComparison.Ordinal) is > 0 and var at
            ? value[(at + 2)..^1]
            : value;
}
