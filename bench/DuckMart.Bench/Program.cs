using System.Runtime.InteropServices;
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

// Ctrl+C or `kill` (SIGTERM; a background job ignores SIGINT) cancel the run instead of ending the process,
// so that the harness stops its server and the PostgreSQL cluster and keeps the report of finished phases.
using var cancellation = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}

try
{
    return await new BenchHarness(options, RepositoryRoot.Find()).RunAsync(cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    // The server and the PostgreSQL cluster were stopped on the way out; the report holds the finished phases.
    Console.Error.WriteLine("bench: cancelled");
    return 130;
}
