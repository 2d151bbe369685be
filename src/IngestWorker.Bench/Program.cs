using IngestWorker.Bench;

return await BenchCommand.Create().Parse(args).InvokeAsync();
