using IngestWorker.Bench;
using IngestWorker.Cli;

Terminal.Configure();
return await BenchCommand.Create().Parse(args).InvokeAsync();
