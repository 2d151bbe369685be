using System.CommandLine;
using IngestWorker.Hosting;
using IngestWorker.Inbox;
using IngestWorker.Operations;
using IngestWorker.Projections;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Cli;

/// <summary><c>IngestWorker [run]</c>: watch the inbox, project, and serve the HTTP API until stopped.</summary>
internal static class RunCommand
{
    public static void Configure(Command command)
    {
        var inbox = CommonOptions.Inbox();
        var archive = new Option<string?>("--archive") { Description = "Where ingested files go [default: archive/ beside the inbox]", HelpName = "DIR" };
        var rejected = new Option<string?>("--rejected") { Description = "Where refused files go, each with NAME.reason.txt [default: rejected/ beside the inbox]", HelpName = "DIR" };
        var data = CommonOptions.Data();
        var db = CommonOptions.Db();
        var rules = CommonOptions.Rules();
        var urls = new Option<string>("--urls")
        {
            Description = "Where the HTTP API listens",
            DefaultValueFactory = _ => WorkerSettings.DefaultUrls,
            HelpName = "URL",
        };
        var demo = new Option<bool>("--demo") { Description = "Copy the sample articles of seeds/ into the inbox at start" };
        var noReplay = new Option<bool>("--no-replay")
        {
            Description = "When the rules differ from the ones the read models were built with, only warn instead of replaying",
        };
        var solo = new Option<bool>("--solo")
        {
            Description = $"No other worker shares the database (or set {WorkerSettings.SoloVariable}=1; implied without --db): " +
                "start the projections at once instead of waiting to be assigned them",
        };
        var maxFileMb = CommonOptions.MaxFileMb();
        var allowHardLinks = new Option<bool>("--allow-hard-links")
        {
            Description = "Take files with more than one name (hard links), which are refused by default",
        };
        var allowOtherOwners = new Option<bool>("--allow-other-owners")
        {
            Description = "Take files that belong to other users than the worker's, which are refused by default",
        };

        var replayCores = new Option<int?>("--replay-cores")
        {
            Description = "How many ranges of a replay this worker applies at once (its own replay's and other workers') [default: every core]",
            HelpName = "N",
        };
        replayCores.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--replay-cores must be at least 1.");
            }
        });

        var settleMs = new Option<int>("--settle-ms")
        {
            Description = "A file is taken once it is this old and has not changed for this long (a file still being written is left alone)",
            DefaultValueFactory = _ => 1000,
            HelpName = "MS",
        };
        settleMs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--settle-ms cannot be negative.");
            }
        });

        var schemaCreation = new Option<string>("--schema-creation")
        {
            Description = "on: create and migrate the schema at start; off: only check it is in place, for a DBA applies it " +
                $"(`db-apply`, `db-patch`), and stop with exit code {SchemaCreation.SchemaNotAppliedExitCode} when it is absent or behind " +
                $"[default: {SchemaCreation.EnvironmentVariable}, else on]",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(SchemaCreation.EnvironmentVariable) is { Length: > 0 } set ? set : "on",
            HelpName = "on|off",
        };
        schemaCreation.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not ("on" or "off"))
            {
                result.AddError($"--schema-creation (or {SchemaCreation.EnvironmentVariable}) takes on or off, not '{result.GetValueOrDefault<string>()}'.");
            }
        });


        var readyMaxLag = ReadinessOption("--ready-max-lag", "EVENTS", ReadinessOptions.MaxLagVariable, r => r.MaxLagEvents,
            "/health/ready fails while a projection is more than this many events behind");
        var readyMaxStall = ReadinessOption("--ready-max-stall", "SECONDS", ReadinessOptions.MaxStallVariable, r => (long)r.MaxStall.TotalSeconds,
            "/health/ready fails while a projection has had events waiting this long without moving");
        foreach (var option in new Option[]
            {
                inbox, archive, rejected, data, db, rules, urls, demo, noReplay, maxFileMb, allowHardLinks, allowOtherOwners, settleMs, replayCores, readyMaxLag,
                readyMaxStall, schemaCreation, solo,
            })
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction(async (parse, ct) =>
        {
            var inboxOptions = new InboxOptions
            {
                InboxFolder = parse.GetValue(inbox) ?? "inbox",
                ArchiveFolder = parse.GetValue(archive),
                RejectedFolder = parse.GetValue(rejected),
                MaxFileBytes = parse.GetValue(maxFileMb) * 1024L * 1024L,
                RefuseHardLinks = !parse.GetValue(allowHardLinks),
                RefuseOtherOwners = !parse.GetValue(allowOtherOwners),
                SettleTime = TimeSpan.FromMilliseconds(parse.GetValue(settleMs)),
            };
            var settings = new WorkerSettings(
                inboxOptions,
                LoadedRules.From(parse.GetValue(rules)),
                parse.GetValue(urls)!,
                new ProjectionOptions { ReplayOnRulesChange = !parse.GetValue(noReplay), ReplayCores = parse.GetValue(replayCores) },
                new ReadinessOptions { MaxLagEvents = parse.GetValue(readyMaxLag), MaxStall = TimeSpan.FromSeconds(parse.GetValue(readyMaxStall)) },
                SchemaCreation: parse.GetValue(schemaCreation) == "on",
                Solo: parse.GetValue(solo) || WorkerSettings.SoloFromEnvironment());

            ListenAddresses.EnsureFree(settings.Urls);

            if (parse.GetValue(demo))
            {
                var copied = SampleArticles.CopyInto(inboxOptions.ResolvedInbox);
                Console.WriteLine($"Demo: copied {copied.Count} sample articles from {SampleArticles.Folder()} into {inboxOptions.ResolvedInbox}");
            }

            using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
            await using var database = await DatabaseTarget.OpenAsync(DatabaseSettings.From(parse.GetValue(data), parse.GetValue(db)), loggers, ct, DatabaseUse.Worker);
            Console.WriteLine($"Log and read models: {database.Description}");
            Console.WriteLine($"Inbox: {inboxOptions.ResolvedInbox}   API: {settings.Urls}/api/articles   Stop with Ctrl+C");

            await using var app = WorkerApp.Build(settings, database.ConnectionString, embeddedServer: database.Embedded);
            if (!settings.SchemaCreation)
            {
                // Checked before anything starts, so a missing schema is one line and an exit code, not a failed start.
                try
                {
                    await app.Services.GetRequiredService<DatabaseStartup>().AssertSchemaAppliedAsync(ct);
                }
                catch (SchemaNotAppliedException e)
                {
                    await Console.Error.WriteLineAsync($"error: {e.Message}");
                    return SchemaCreation.SchemaNotAppliedExitCode;
                }
            }

            await app.RunAsync(ct);

            // A worker that had to stop (its own server could not be started again) says so in its exit code.
            return Environment.ExitCode;
        });
    }

    /// <summary>A readiness limit: a positive whole number, by default what its environment variable says, else the built-in default.</summary>
    private static Option<long> ReadinessOption(string name, string helpName, string variable, Func<ReadinessOptions, long> pick, string description)
    {
        var option = new Option<long>(name)
        {
            Description = $"{description} [env {variable}]",
            HelpName = helpName,
            DefaultValueFactory = result =>
            {
                try
                {
                    return pick(ReadinessOptions.FromEnvironment());
                }
                catch (ArgumentException e)
                {
                    result.AddError(e.Message);
                    return 0;
                }
            },
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1)
            {
                result.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }
}
