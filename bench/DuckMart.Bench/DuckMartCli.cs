using System.Diagnostics;

namespace DuckMart.Bench;

/// <summary>
/// Runs the project's own `duckmart` program as a child process: the data set is built, and the server
/// measured, exactly as a user would run them. The bench project references the CLI, so its build is
/// already next to ours (or in the CLI's own Release output).
/// </summary>
public sealed class DuckMartCli(string repoRoot)
{
    public string DllPath { get; } = Locate(repoRoot);

    public ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = repoRoot };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    /// <summary>Runs a command to the end, its output passed through so a long ingest shows progress.</summary>
    public async Task RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        Console.Error.WriteLine($"  $ duckmart {string.Join(' ', args)}");
        using var process = Process.Start(StartInfo(args)) ?? throw new InvalidOperationException("could not start duckmart");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"duckmart {args[0]} exited with {process.ExitCode}");
        }
    }

    private static string Locate(string repoRoot)
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "duckmart.dll"),
            Path.Combine(repoRoot, "src", "DuckMart.Cli", "bin", "Release", "net10.0", "duckmart.dll"),
        ];
        return candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")))
            ?? throw new FileNotFoundException("duckmart.dll not found; build src/DuckMart.Cli first", candidates[^1]);
    }
}
