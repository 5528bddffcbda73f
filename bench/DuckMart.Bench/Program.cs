using DuckMart.Bench;

// `make bench`: see BenchOptions.Usage and README.md "Benchmark".
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (HelpRequestedException)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the harness stop its server and the PostgreSQL cluster before exiting.
    e.Cancel = true;
    cancellation.Cancel();
};

return await new BenchHarness(options, RepositoryRoot.Find()).RunAsync(cancellation.Token);
