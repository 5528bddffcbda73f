using System.Diagnostics;

namespace DuckMart.Cli.Tests.Robustness;

/// <summary>
/// Runs the built <c>duckmart</c> program as a separate process, as a user would, so that a crash, a hang or a
/// <c>kill -9</c> is the real thing. Found beside the solution in the same configuration as the tests.
/// </summary>
public static class DuckMartCli
{
    private static readonly Lazy<string?> DllPath = new(FindDll);
    private static readonly Lazy<bool> HasDataCommands = new(() =>
    {
        if (DllPath.Value is null)
        {
            return false;
        }

        var help = Run(["--help"], TimeSpan.FromSeconds(60));
        return help.Stdout.Contains("transform", StringComparison.Ordinal) && help.Stdout.Contains("load", StringComparison.Ordinal);
    });

    /// <summary>Why the CLI tests cannot run yet, or null when they can.</summary>
    public static string? NotReady =>
        DllPath.Value is null ? "the duckmart CLI is not built (build the solution first)"
        : !HasDataCommands.Value ? "needs the data branch: the CLI has no transform/load commands yet"
        : null;

    public static CliResult Run(IReadOnlyList<string> args, TimeSpan timeout)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CliResult(-1, stdout.Result, stderr.Result, watch.Elapsed, TimedOut: true);
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed, TimedOut: false);
    }

    /// <summary>Starts the program without waiting, for tests that kill it midway.</summary>
    public static Process Start(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath.Value ?? throw new InvalidOperationException(NotReady));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static string? FindDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DuckMart.OData.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            return null;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(dir.FullName, "src", "DuckMart.Cli", "bin", configuration, "net10.0", "duckmart.dll");
        return File.Exists(path) ? path : null;
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, bool TimedOut)
{
    /// <summary>What the contract forbids on a failure: a stack trace or an unhandled-exception report.</summary>
    public bool Crashed => TimedOut
        || Stderr.Contains("   at ", StringComparison.Ordinal)
        || Stderr.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase)
        || ExitCode is 134 or 139 or -1;
}
